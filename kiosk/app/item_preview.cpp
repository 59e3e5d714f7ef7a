#include "item_preview.h"

#include "vigil/exam/clock.h"
#include "vigil/exam/qti_import.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/kiosk/accessibility_settings.h"
#include "vigil/kiosk/console_link.h"
#include "vigil/kiosk/data_dir.h"
#include "vigil/kiosk/item_image_provider.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/kiosk/kiosk_runtime.h"
#include "vigil/kiosk/seat_builder.h"
#include "vigil/kiosk/seat_setup.h"
#include "vigil/kiosk/session_controller.h"

#include <QDir>
#include <QEventLoop>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQmlContext>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTimer>
#include <cstdio>
#include <optional>
#include <string_view>
#include <vector>

namespace vigil::kiosk {
namespace {

constexpr QSize kWindowSize{1280, 800};
// A picture is taken once this many frames 50 ms apart came out the same (images load and
// bindings settle first), or after kMaxSettleFrames.
constexpr int kSettledFrames = 3;
constexpr int kMaxSettleFrames = 40;

struct PreviewArguments {
    QString source;
    QString out;
    std::optional<QString> settings;
    std::optional<QString> test;
};

constexpr const char* kUsage =
    "usage: vigil-kiosk preview SOURCE --out DIR [--settings FILE] [--test ID]\n"
    "  SOURCE: a QTI content package or an item bank's export, a folder or a zip\n";

std::optional<PreviewArguments> parse(const QStringList& arguments, QString* error) {
    PreviewArguments parsed;
    for (int i = 2; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        const auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= arguments.size()) {
                *error = argument + QStringLiteral(" needs a value");
                return std::nullopt;
            }
            return arguments[++i];
        };
        if (argument == QLatin1String("--out")) {
            const auto out = value();
            if (!out) {
                return std::nullopt;
            }
            parsed.out = *out;
        } else if (argument == QLatin1String("--settings")) {
            parsed.settings = value();
            if (!parsed.settings) {
                return std::nullopt;
            }
        } else if (argument == QLatin1String("--test")) {
            parsed.test = value();
            if (!parsed.test) {
                return std::nullopt;
            }
        } else if (argument.startsWith(QLatin1String("--")) || !parsed.source.isEmpty()) {
            *error = QStringLiteral("unexpected argument ") + argument;
            return std::nullopt;
        } else {
            parsed.source = argument;
        }
    }
    if (parsed.source.isEmpty() || parsed.out.isEmpty()) {
        *error = QStringLiteral("a SOURCE and --out DIR are needed");
        return std::nullopt;
    }
    return parsed;
}

void wait(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

QImage settledFrame(QQuickWindow& window) {
    QImage image = window.grabWindow();
    int unchanged = 0;
    for (int frame = 0; frame < kMaxSettleFrames && unchanged < kSettledFrames; ++frame) {
        wait(50);
        QImage next = window.grabWindow();
        unchanged = next == image ? unchanged + 1 : 0;
        image = std::move(next);
    }
    return image;
}

// An item identifier as a file name: QTI identifiers are already safe; anything else is not.
QString fileStem(const std::string& itemId) {
    QString stem = QString::fromStdString(itemId);
    for (QChar& c : stem) {
        if (!c.isLetterOrNumber() && c != u'-' && c != u'_' && c != u'.') {
            c = u'_';
        }
    }
    return stem;
}

// Every look the kiosk offers a candidate: the standard and high-contrast themes, and each
// coloured overlay a seat's access arrangements may name (exam::kOverlayColours), which the
// candidate may also choose at the seat. `file` names the picture; `theme` is what
// AccessibilitySettings::applyThemeName reads.
struct Look {
    QString file;
    QString theme;
};

std::vector<Look> everyLook() {
    std::vector<Look> looks{{QStringLiteral("standard"), QStringLiteral("standard")},
                            {QStringLiteral("high-contrast"), QStringLiteral("high-contrast")}};
    for (const auto overlay : exam::kOverlayColours) {
        const auto name = QString::fromLatin1(overlay.data(), qsizetype(overlay.size()));
        looks.push_back({QStringLiteral("overlay-") + name, QStringLiteral("overlay:") + name});
    }
    return looks;
}

int render(const exam::Assessment& assessment, const QString& outDir) {
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        std::fprintf(stderr, "vigil-kiosk preview: no temporary folder\n");
        return 1;
    }
    // A seat of this paper only the preview ever opens: the invigilator it names exists in
    // the temporary folder alone.
    SeatBuildOptions options;
    options.candidateName = "Preview";
    options.registrationNumber = "PREVIEW";
    options.invigilators.push_back({"PREVIEW", "Preview", "739164", "preview only, never a seat"});
    const auto built = buildSeat(
        assessment, std::filesystem::path(scratch.path().toStdString()) / "kiosk", options);
    exam::SystemClock clock;
    DataDir dir(built.dataDir);
    const auto migrations = kioskMigrations();
    auto db = store::Database::open(dir.storeFile(), dir.loadOrCreateStoreKey(), migrations);
    auto trust = TrustMaterial::load(dir.root());
    SessionServices services;
    services.db = &db;
    services.clock = &clock;
    services.seat =
        openSeat(built.assignmentFile, built.packageFile, trust,
                 {built.assignment.centreId, built.assignment.room, built.assignment.seatLabel},
                 clock.wallNowMs());
    services.kioskKeys = std::move(trust.kioskKeys);
    services.resultRecipient = trust.resultRecipient;
    services.unlockIssuer = trust.assignmentIssuer;
    services.unlockDir = built.dataDir / "unlock";
    SessionController session(std::move(services));
    SessionController::setInstance(&session);
    session.beginLogin();
    if (!session.submitLogin(QStringLiteral("739164"),
                             QStringLiteral("preview only, never a seat"))) {
        std::fprintf(stderr, "vigil-kiosk preview: the preview seat refused its own login\n");
        return 1;
    }
    session.confirmCandidate();
    session.start();

    ConsoleLink link(nullptr);
    ConsoleLink::setInstance(&link);
    StartupStatus startup(clock, 60);
    int status = 0;
    {
        QQmlApplicationEngine engine;
        engine.rootContext()->setContextProperty(QStringLiteral("Startup"), &startup);
        engine.addImportPath(QStringLiteral("qrc:/"));
        engine.addImageProvider(QLatin1String(ItemImageProvider::kName),
                                new ItemImageProvider(session.mediaLibrary()));
        engine.load(QUrl(QStringLiteral("qrc:/Vigil/Kiosk/Main.qml")));
        auto* window = engine.rootObjects().isEmpty()
                           ? nullptr
                           : qobject_cast<QQuickWindow*>(engine.rootObjects().constFirst());
        if (!window || session.screen() != SessionController::Screen::Question) {
            std::fprintf(stderr, "vigil-kiosk preview: the question screen did not load\n");
            status = 1;
        } else {
            window->resize(kWindowSize);
            window->show();
            auto* settings = session.accessibility();
            const auto looks = everyLook();
            const auto& order = session.sitting()->presentationOrder();
            // Forward only: a linear paper cannot go back, so each item is shot in every
            // look before the next.
            for (std::size_t position = 0; position < order.size() && status == 0; ++position) {
                session.goTo(int(position));
                for (int step = 0; step < AccessibilitySettings::kTextSizeSteps; ++step) {
                    for (const auto& look : looks) {
                        settings->setTextSizeStep(step);
                        if (!settings->applyThemeName(look.theme)) {
                            std::fprintf(stderr, "vigil-kiosk preview: the kiosk has no look %s\n",
                                         qPrintable(look.theme));
                            status = 1;
                            continue;
                        }
                        const QString file =
                            QDir(outDir).filePath(QStringLiteral("%1-text%2-%3.png")
                                                      .arg(fileStem(order[position].itemId))
                                                      .arg(step + 1)
                                                      .arg(look.file));
                        if (!settledFrame(*window).save(file, "PNG")) {
                            std::fprintf(stderr, "vigil-kiosk preview: %s cannot be written\n",
                                         qPrintable(file));
                            status = 1;
                        }
                    }
                }
                std::printf("%s: %d pictures\n", order[position].itemId.c_str(),
                            AccessibilitySettings::kTextSizeSteps * int(looks.size()));
            }
        }
    }
    ConsoleLink::setInstance(nullptr);
    SessionController::setInstance(nullptr);
    return status;
}

} // namespace

bool isPreviewCommand(int argc, char* argv[]) {
    return argc > 1 && std::string_view(argv[1]) == "preview";
}

int runPreview(const QStringList& arguments) {
    QString error;
    const auto parsed = parse(arguments, &error);
    if (!parsed) {
        std::fprintf(stderr, "vigil-kiosk preview: %s\n%s", qPrintable(error), kUsage);
        return 2;
    }
    exam::QtiImportOptions options;
    if (parsed->settings) {
        options.settingsFile = parsed->settings->toStdString();
    }
    if (parsed->test) {
        options.testIdentifier = parsed->test->toStdString();
    }
    const auto imported = exam::importQtiPackage(parsed->source.toStdString(), options);
    if (!imported.assessment) {
        for (const auto& problem : imported.problems) {
            std::fprintf(stderr, "%s\n", exam::formatProblem(problem).c_str());
        }
        std::fprintf(stderr, "vigil-kiosk preview: %s does not import\n",
                     qPrintable(parsed->source));
        return 1;
    }
    if (!QDir().mkpath(parsed->out)) {
        std::fprintf(stderr, "vigil-kiosk preview: %s cannot be made\n", qPrintable(parsed->out));
        return 1;
    }
    try {
        return render(*imported.assessment, parsed->out);
    } catch (const std::exception& failure) {
        std::fprintf(stderr, "vigil-kiosk preview: %s\n", failure.what());
        return 1;
    }
}

} // namespace vigil::kiosk
