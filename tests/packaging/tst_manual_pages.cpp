// The manual pages the packages install (docs/man/, one per program) stay true to the programs:
// every command and every option a program's own usage prints is named in its page. The usage
// is read from the real binaries (--help; the kiosk, which has none, lists its options when
// refusing it). tst_packages checks that each package installs its programs' pages, lintian
// (scripts/build-packages.sh) that man reads them without a warning.
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace {

const QString kManDir = QStringLiteral(VIGIL_SOURCE_DIR "/docs/man");

// What a program prints about its usage, on either stream.
QString usageOf(const QString& binary) {
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    process.start(binary, {QStringLiteral("--help")});
    if (!process.waitForFinished(60000)) {
        return {};
    }
    return QString::fromUtf8(process.readAll());
}

// The commands and options a usage names: the word after the program's name on each usage
// line, a word at the start of a line indented by two spaces (vigil-pack's and vigil-store's
// lists of commands), and every --option.
QSet<QString> namedIn(const QString& usage, const QString& program) {
    QSet<QString> names;
    const QRegularExpression usageLine(QStringLiteral(R"(^(?:usage:)?\s+%1 ([a-z][a-z-]*))")
                                           .arg(QRegularExpression::escape(program)),
                                       QRegularExpression::MultilineOption);
    const QRegularExpression commandLine(QStringLiteral(R"(^  ([a-z][a-z-]*)(?: |$))"),
                                         QRegularExpression::MultilineOption);
    const QRegularExpression option(QStringLiteral(R"((--[a-z][a-z-]*))"));
    for (const auto& pattern : {usageLine, commandLine, option}) {
        auto matches = pattern.globalMatch(usage);
        while (matches.hasNext()) {
            names.insert(matches.next().captured(1));
        }
    }
    names.remove(QStringLiteral("--help")); // the question, not an option of theirs
    return names;
}

// A page's text as man shows it, near enough for names: escapes and font changes removed.
QString textOfPage(const QString& file) {
    QFile page(file);
    if (!page.open(QIODevice::ReadOnly)) {
        return {};
    }
    QString text;
    for (QString line : QString::fromUtf8(page.readAll()).split(u'\n')) {
        if (line.startsWith(QLatin1String(".\\\""))) {
            continue; // a comment
        }
        line.replace(QLatin1String("\\-"), QLatin1String("-"));
        line.remove(QRegularExpression(QStringLiteral(R"(\\f(?:\(..|\[[^\]]*\]|.)|\\&)")));
        line.remove(QRegularExpression(QStringLiteral(R"(^\.[A-Z]+\s*)")));
        line.remove(u'"');
        text += line + u'\n';
    }
    return text;
}

} // namespace

class TestManualPages : public QObject {
    Q_OBJECT

private slots:
    void everyCommandAndOptionIsInItsPage_data() {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("binary");
        for (const char* variable :
             {"VIGIL_KIOSK_BINARY", "VIGIL_CONSOLE_BINARY", "VIGIL_SYNCD_BINARY",
              "VIGIL_PACK_BINARY", "VIGIL_STORE_BINARY"}) {
            const QString binary = qEnvironmentVariable(variable);
            const QString program = binary.section(u'/', -1);
            QTest::newRow(qPrintable(program.isEmpty() ? QString::fromLatin1(variable) : program))
                << program << binary;
        }
    }

    void everyCommandAndOptionIsInItsPage() {
        QFETCH(QString, program);
        QFETCH(QString, binary);
        QVERIFY2(!binary.isEmpty(),
                 "the program's path is not set (tests/packaging/CMakeLists.txt)");
        const QString page = textOfPage(kManDir + "/" + program + ".1");
        QVERIFY2(!page.isEmpty(), qPrintable("no docs/man/" + program + ".1"));
        QVERIFY2(page.contains(QRegularExpression("^" + QRegularExpression::escape(program) + " - ",
                                                  QRegularExpression::MultilineOption)),
                 "the page's NAME is not the program's");

        const QString usage = usageOf(binary);
        const QSet<QString> names = namedIn(usage, program);
        // A usage this test reads nothing from would make it pass on any page.
        QVERIFY2(names.size() >= 2, qPrintable(usage));
        QStringList missing;
        for (const QString& name : names) {
            const QRegularExpression word("(^|[^a-z-])" + QRegularExpression::escape(name) +
                                          "($|[^a-z-])");
            if (!page.contains(word)) {
                missing.append(name);
            }
        }
        missing.sort();
        QVERIFY2(missing.isEmpty(), qPrintable(program +
                                               "'s usage names what its manual page does "
                                               "not: " +
                                               missing.join(u' ') + "\n" + usage));
    }

    // The check itself: a page without a command the usage names is caught.
    void aPageMissingACommandIsCaught() {
        const QString usage = QStringLiteral("usage: vigil-store self-check\n"
                                             "       vigil-store check <db> --key-file <f>\n");
        const QSet<QString> names = namedIn(usage, QStringLiteral("vigil-store"));
        QCOMPARE(names, (QSet<QString>{"self-check", "check", "--key-file"}));
    }
};

QTEST_GUILESS_MAIN(TestManualPages)
#include "tst_manual_pages.moc"
