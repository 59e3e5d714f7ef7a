// vigil-syncd's configuration file, read as every Vigil file is (crypto/file_read.h): a missing
// file, a folder in its place, one nobody may read, one too large and a malformed one, each
// refused with its own error naming the file (and the line), through the config API and the
// real binary.
#include "vigil/receiver/syncd_config.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <unistd.h>

using namespace vigil;
using namespace vigil::receiver;

namespace {

// vigil-syncd's exit code and what it printed.
int syncd(const QStringList& arguments, QString* output) {
    QProcess process;
    process.start(VIGIL_SYNCD, arguments);
    process.waitForFinished(60'000);
    *output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

} // namespace

class SyncdConfigTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    std::filesystem::path path(const char* name) const {
        return dir_.filePath(QString::fromUtf8(name)).toStdString();
    }

    std::filesystem::path write(const char* name, const QByteArray& body) const {
        QFile file(QString::fromStdString(path(name).string()));
        if (!file.open(QIODevice::WriteOnly)) {
            throw std::runtime_error("cannot write the configuration");
        }
        file.write(body);
        return path(name);
    }

    // Refused by the API with `error`, the message naming the file; and by `vigil-syncd serve`
    // with exit code 2 and the same message.
    void expectRefused(const std::filesystem::path& file, SyncdConfigError error,
                       const QString& saying) {
        const auto read = readSyncdConfig(file);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().error, error);
        QCOMPARE(read.error().file, file);
        const auto text = QString::fromStdString(read.error().describe());
        QVERIFY2(text.startsWith(QString::fromStdString(file.string())), qPrintable(text));
        QVERIFY2(text.contains(saying), qPrintable(text));
        QString output;
        QCOMPARE(syncd({"serve", "--config", QString::fromStdString(file.string())}, &output), 2);
        QVERIFY2(output.contains(QStringLiteral("vigil-syncd: ") + text), qPrintable(output));
    }

private slots:
    void aGoodFileIsReadWithPathsFromItsFolder() {
        const auto file = write("good.conf", "listen = 127.0.0.1:0\n"
                                             "receiver-key = receiver.key\n"
                                             "store = embedded\n"
                                             "store-path = syncd.db\n"
                                             "store-key = store.key\n");
        const auto read = readSyncdConfig(file);
        QVERIFY2(read.ok(), read.ok() ? "" : read.error().describe().c_str());
        QCOMPARE(read.value().receiverKey, path("receiver.key"));
        QCOMPARE(read.value().port, std::uint16_t(0));
    }

    void aMissingFileIsNamed() {
        expectRefused(path("missing.conf"), SyncdConfigError::NotFound,
                      QStringLiteral("No such file or directory"));
    }

    // The old reader took a folder for an empty file and said "receiver-key is required".
    void aFolderInPlaceOfTheFileIsNamed() {
        std::filesystem::create_directory(path("folder.conf"));
        expectRefused(path("folder.conf"), SyncdConfigError::NotARegularFile,
                      QStringLiteral("not a regular file"));
    }

    void aFileNobodyMayReadIsNamed() {
        if (::geteuid() == 0) {
            QSKIP("root reads a file whatever its mode");
        }
        const auto file = write("unreadable.conf", "receiver-key = r.key\n");
        std::filesystem::permissions(file, std::filesystem::perms::none);
        expectRefused(file, SyncdConfigError::Unreadable, QStringLiteral("Permission denied"));
    }

    // A configuration is a few lines: anything this large is another file given by mistake.
    void aFileTooLargeToBeAConfigurationIsRefusedUnread() {
        const auto file = write("huge.conf", QByteArray(qsizetype(kMaxSyncdConfigBytes) + 1, '#'));
        expectRefused(file, SyncdConfigError::TooLarge, QStringLiteral("larger than"));
    }

    void aMalformedFileIsNamedByLine() {
        const auto file = write("malformed.conf", "receiver-key = r.key\n"
                                                  "# a comment\n"
                                                  "threads = many\n");
        expectRefused(file, SyncdConfigError::Malformed,
                      QStringLiteral("malformed.conf:3: threads must be 1 to 256"));
        QCOMPARE(readSyncdConfig(file).error().line, 3);
    }

    void aMissingSettingNamesTheFile() {
        const auto file = write("incomplete.conf", "store = postgres\n");
        expectRefused(file, SyncdConfigError::Malformed,
                      QStringLiteral("incomplete.conf: receiver-key is required"));
        QCOMPARE(readSyncdConfig(file).error().line, 0);
    }
};

QTEST_GUILESS_MAIN(SyncdConfigTest)
#include "tst_syncd_config.moc"
