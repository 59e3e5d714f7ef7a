#pragma once

// A QTI package assembled in a temporary folder from the hand-written fixtures in data/: the
// base package (one item) with files swapped for the construct under test.

#include "vigil/exam/qti_import.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTemporaryDir>
#include <QTest>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>
#include <zip.h>

namespace vigil::exam::testing {

// A path under this test folder's data/, or an absolute path as it is (another folder's data).
inline QString fixturePath(const QString& relative) {
    return QDir::isAbsolutePath(relative)
               ? relative
               : qEnvironmentVariable("VIGIL_TEST_DATA") + "/" + relative;
}

inline QByteArray readFixture(const QString& relative) {
    QFile file(fixturePath(relative));
    if (!file.open(QIODevice::ReadOnly)) {
        qFatal("missing fixture %s", qPrintable(relative));
    }
    return file.readAll();
}

inline void copyFolder(const QString& from, const QString& to) {
    QDir().mkpath(to);
    const QDir source(from);
    for (const auto& entry :
         source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (entry.isDir()) {
            copyFolder(entry.filePath(), to + "/" + entry.fileName());
        } else {
            QFile::copy(entry.filePath(), to + "/" + entry.fileName());
        }
    }
}

class FixturePackage {
public:
    explicit FixturePackage(const QString& base = "base") { copyFolder(fixturePath(base), root()); }

    [[nodiscard]] QString root() const { return dir_.path() + "/package"; }
    [[nodiscard]] std::filesystem::path path() const { return root().toStdString(); }

    void write(const QString& relative, const QByteArray& bytes) const {
        const QString target = root() + "/" + relative;
        QDir().mkpath(QFileInfo(target).path());
        QFile file(target);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(bytes);
    }
    void useItem(const QString& fixture, const QString& as = "items/q1.xml") const {
        write(as, readFixture("items/" + fixture));
    }
    void useTest(const QString& fixture) const {
        write("test.xml", readFixture("tests/" + fixture));
    }
    void useManifest(const QString& fixture) const {
        write("imsmanifest.xml", readFixture("manifests/" + fixture));
    }
    void useMedia(const QString& fixture, const QString& as) const {
        write(as, readFixture("media/" + fixture));
    }
    void remove(const QString& relative) const { QFile::remove(root() + "/" + relative); }

    // Zips the package's files; `extraEntries` are added as given (names unchecked).
    [[nodiscard]] std::filesystem::path
    zip(const QString& prefix = {},
        const std::vector<std::pair<std::string, QByteArray>>& extraEntries = {}) const {
        const std::string zipPath = (dir_.path() + "/package.zip").toStdString();
        int error = 0;
        zip_t* archive = zip_open(zipPath.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
        if (archive == nullptr) {
            qFatal("cannot create zip");
        }
        std::vector<std::pair<std::string, QByteArray>> entries = extraEntries;
        addFiles(root(), prefix, entries);
        for (auto& [name, bytes] : entries) {
            zip_source_t* source = zip_source_buffer(archive, bytes.constData(),
                                                     static_cast<zip_uint64_t>(bytes.size()), 0);
            if (zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) < 0) {
                zip_source_free(source);
                qFatal("cannot add %s: %s", name.c_str(), zip_strerror(archive));
            }
        }
        if (zip_close(archive) != 0) {
            qFatal("cannot write zip: %s", zip_strerror(archive));
        }
        return zipPath;
    }

private:
    static void addFiles(const QString& folder, const QString& prefix,
                         std::vector<std::pair<std::string, QByteArray>>& entries) {
        const QDir dir(folder);
        for (const auto& entry :
             dir.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
            const QString name = prefix + entry.fileName();
            if (entry.isDir()) {
                addFiles(entry.filePath(), name + "/", entries);
            } else {
                QFile file(entry.filePath());
                if (!file.open(QIODevice::ReadOnly)) {
                    qFatal("cannot read %s", qPrintable(entry.filePath()));
                }
                entries.emplace_back(name.toStdString(), file.readAll());
            }
        }
    }

    QTemporaryDir dir_;
};

inline QString describe(const QtiImportResult& result) {
    QString text;
    for (const auto& problem : result.problems) {
        text += QString::fromStdString(formatProblem(problem)) + "\n";
    }
    return text;
}

// The problem reported for `file` at `line` about `element`, or nullptr.
inline const QtiProblem* findProblem(const QtiImportResult& result, const std::string& file,
                                     int line, const std::string& element) {
    for (const auto& problem : result.problems) {
        if (problem.file == file && problem.line == line && problem.element == element) {
            return &problem;
        }
    }
    return nullptr;
}

} // namespace vigil::exam::testing

// Fails with every problem listed when the import did not succeed.
#define VIGIL_IMPORT_OK(result)                                                                    \
    QVERIFY2((result).assessment.has_value() && (result).problems.empty(),                         \
             qPrintable(vigil::exam::testing::describe(result)))

// Asserts a problem at file:line about element whose message contains `fragment`.
#define VIGIL_EXPECT_PROBLEM(result, file, line, element, fragment)                                \
    do {                                                                                           \
        const auto* found_ = vigil::exam::testing::findProblem(result, file, line, element);       \
        QVERIFY2(found_ != nullptr, qPrintable(QString("no problem %1:%2 <%3> among:\n%4")         \
                                                   .arg(QString::fromStdString(file))              \
                                                   .arg(line)                                      \
                                                   .arg(QString::fromStdString(element),           \
                                                        vigil::exam::testing::describe(result)))); \
        QVERIFY2(found_->message.find(fragment) != std::string::npos, found_->message.c_str());    \
        QVERIFY(!(result).assessment.has_value());                                                 \
    } while (false)
