// The one durable writer: the file appears whole with its mode, replaces the old one by rename
// (never in place), replaces a link rather than writing through it, and says why it failed.
#include "vigil/crypto/durable_file.h"
#include "vigil/crypto/file_read.h"

#include <QTemporaryDir>
#include <QTest>
#include <fstream>
#include <sys/stat.h>

using namespace vigil::crypto;
namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> bytes(const std::string& text) {
    return {text.begin(), text.end()};
}

std::string contentOf(const fs::path& file) {
    const auto bytes = readFileBytes(file, 4096);
    return bytes ? std::string(bytes.value().begin(), bytes.value().end()) : std::string();
}

} // namespace

class TestDurableFile : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    fs::path path(const char* name) const { return fs::path(dir_.path().toStdString()) / name; }

private slots:
    void theFileAppearsWholeWithItsModeAndNothingElse() {
        const auto file = path("secret.key");
        QVERIFY(writeFileAtomically(file, bytes("0123456789"), 0600));
        QCOMPARE(contentOf(file), std::string("0123456789"));
        struct stat info {};
        QCOMPARE(::stat(file.c_str(), &info), 0);
        QCOMPARE(info.st_mode & 0777, 0600u);
        for (const auto& entry : fs::directory_iterator(file.parent_path())) {
            QVERIFY2(entry.path().filename().string().find(".tmp-") == std::string::npos,
                     entry.path().c_str());
        }
    }

    // A hard link to the old file keeps the old bytes: the new file was renamed into place.
    void anExistingFileIsReplacedNotOverwritten() {
        const auto file = path("assignment.vseat");
        const auto oldCopy = path("old-link");
        QVERIFY(writeFileAtomically(file, bytes("old"), 0644));
        fs::create_hard_link(file, oldCopy);
        QVERIFY(writeFileAtomically(file, bytes("new and longer"), 0644));
        QCOMPARE(contentOf(file), std::string("new and longer"));
        QCOMPARE(contentOf(oldCopy), std::string("old"));
    }

    // A planted link at the target is replaced; the file it pointed to is untouched.
    void aLinkAtTheTargetIsReplacedNotWrittenThrough() {
        const auto elsewhere = path("elsewhere");
        std::ofstream(elsewhere) << "keep me";
        const auto file = path("store.key");
        fs::create_symlink(elsewhere, file);
        QVERIFY(writeFileAtomically(file, bytes("key"), 0600));
        QVERIFY(!fs::is_symlink(file));
        QCOMPARE(contentOf(file), std::string("key"));
        QCOMPARE(contentOf(elsewhere), std::string("keep me"));
    }

    void aFailureIsAnIoErrorWithTheReason() {
        const auto file = path("no-such-folder") / "package.vigil";
        std::string reason;
        const auto written = writeFileAtomically(file, bytes("x"), 0644, &reason);
        QVERIFY(!written);
        QVERIFY(written.error() == Error::Io);
        QVERIFY2(reason.find("cannot create") != std::string::npos &&
                     reason.find("no-such-folder") != std::string::npos &&
                     reason.find("No such file") != std::string::npos,
                 reason.c_str());
        QVERIFY(!writeFileAtomically(file, bytes("x"), 0644)); // no reason asked for: no crash
    }
};

QTEST_GUILESS_MAIN(TestDurableFile)
#include "tst_durable_file.moc"
