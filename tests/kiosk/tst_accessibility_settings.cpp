#include "vigil/exam/seat_assignment.h"
#include "vigil/kiosk/accessibility_settings.h"
#include "vigil/kiosk/practice_palette.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

using vigil::kiosk::AccessibilitySettings;
using vigil::kiosk::overlayTint;
using vigil::kiosk::PracticePalette;

namespace {

// WCAG relative luminance and contrast ratio, to check the tints keep text readable.
double luminance(const QColor& colour) {
    auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) +
           0.0722 * channel(colour.blueF());
}

double contrast(const QColor& a, const QColor& b) {
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class TestAccessibilitySettings : public QObject {
    Q_OBJECT

private slots:
    void everyOverlayNameHasItsOwnPaleTint() {
        QSet<QRgb> seen;
        for (const auto name : vigil::exam::kOverlayColours) {
            const auto tint = overlayTint(name);
            QVERIFY2(tint.has_value(), std::string(name).c_str());
            QVERIFY2(!seen.contains(tint->rgb()), std::string(name).c_str());
            seen.insert(tint->rgb());
            // Pale: light enough for dark text (a tint, not a saturated colour).
            QVERIFY2(tint->lightness() > 200, std::string(name).c_str());
        }
        QCOMPARE(seen.size(), qsizetype(vigil::exam::kOverlayColours.size()));
    }

    void namesReadAsTheirOwnColours() {
        QCOMPARE(overlayTint("yellow")->rgb(), QColor(0xff, 0xf6, 0xb3).rgb());
        QVERIFY(overlayTint("blue")->blue() > overlayTint("blue")->red());
        QVERIFY(overlayTint("green")->green() > overlayTint("green")->red());
        QVERIFY(overlayTint("pink")->red() > overlayTint("pink")->green());
        QVERIFY(overlayTint("lilac")->blue() > overlayTint("lilac")->green());
        const QColor grey = *overlayTint("grey");
        QVERIFY(grey.red() == grey.green() && grey.green() == grey.blue());
    }

    void unknownOverlayNameIsRefused() {
        QVERIFY(!overlayTint("ultraviolet"));
        QVERIFY(!overlayTint(""));
        QVERIFY(!overlayTint("Yellow")); // names are exact, as the assignment stores them
        AccessibilitySettings settings;
        QVERIFY(settings.setOverlayName(QStringLiteral("blue")));
        QSignalSpy changed(&settings, &AccessibilitySettings::changed);
        QVERIFY(!settings.setOverlayName(QStringLiteral("ultraviolet")));
        QVERIFY(!settings.applyThemeName(QStringLiteral("overlay:ultraviolet")));
        QVERIFY(!settings.applyThemeName(QStringLiteral("sepia")));
        QCOMPARE(changed.count(), 0);
        QCOMPARE(settings.overlayName(), QStringLiteral("blue"));
        QCOMPARE(settings.theme(), AccessibilitySettings::Theme::Standard);
    }

    void overlayThemePaintsTheBackgroundInTheNamedTint() {
        for (const auto name : vigil::exam::kOverlayColours) {
            AccessibilitySettings settings;
            const auto qname = QString::fromLatin1(name.data(), qsizetype(name.size()));
            QVERIFY(settings.applyThemeName(QStringLiteral("overlay:") + qname));
            QCOMPARE(settings.theme(), AccessibilitySettings::Theme::Overlay);
            QCOMPARE(settings.overlayName(), qname);
            QCOMPARE(settings.background().rgb(), overlayTint(name)->rgb());
            QVERIFY2(contrast(settings.text(), settings.background()) > 12.0, name.data());
            QVERIFY2(contrast(settings.text(), settings.surface()) > 12.0, name.data());
        }
    }

    void seatOptionsSetSizeOverlayAndScreenReader() {
        AccessibilitySettings settings;
        vigil::exam::AccessibilityOptions options;
        options.textScale = 2;
        options.overlayColour = "peach";
        options.screenReader = true;
        QVERIFY(settings.applySeatOptions(options));
        QCOMPARE(settings.textSizeStep(), 2);
        QCOMPARE(settings.fontPixelSize(), 29);
        QCOMPARE(settings.theme(), AccessibilitySettings::Theme::Overlay);
        QCOMPARE(settings.background().rgb(), overlayTint("peach")->rgb());
        QVERIFY(settings.screenReader());
    }

    void seatOptionsWithUnknownOverlayKeepStandardColours() {
        AccessibilitySettings settings;
        vigil::exam::AccessibilityOptions options;
        options.textScale = 1;
        options.overlayColour = "ultraviolet";
        QVERIFY(!settings.applySeatOptions(options));
        QCOMPARE(settings.theme(), AccessibilitySettings::Theme::Standard);
        QCOMPARE(settings.textSizeStep(), 1); // the rest still applies
    }

    void screenReaderWidensTheFocusRing() {
        AccessibilitySettings settings;
        const int normalWidth = settings.focusRingWidth();
        QVERIFY(!settings.screenReader());
        QSignalSpy changed(&settings, &AccessibilitySettings::changed);
        settings.setScreenReader(true);
        QCOMPARE(changed.count(), 1);
        QVERIFY(settings.screenReader());
        QVERIFY(settings.focusRingWidth() >= normalWidth + 3);
        settings.setScreenReader(false);
        QCOMPARE(settings.focusRingWidth(), normalWidth);
    }

    void nextOverlayWalksEveryTintThenStartsAgain() {
        AccessibilitySettings settings;
        QSignalSpy changed(&settings, &AccessibilitySettings::changed);
        const QString startingTint = settings.overlayName();
        settings.nextOverlay(); // first the tint it has
        QCOMPARE(settings.theme(), AccessibilitySettings::Theme::Overlay);
        QCOMPARE(settings.overlayName(), startingTint);
        QCOMPARE(changed.count(), 1);
        changed.clear();
        QSet<QString> seen;
        for (std::size_t i = 0; i < vigil::exam::kOverlayColours.size(); ++i) {
            settings.nextOverlay();
            QCOMPARE(settings.theme(), AccessibilitySettings::Theme::Overlay);
            QCOMPARE(settings.background().rgb(),
                     overlayTint(settings.overlayName().toStdString())->rgb());
            seen.insert(settings.overlayName());
        }
        QCOMPARE(seen.size(), qsizetype(vigil::exam::kOverlayColours.size()));
        QCOMPARE(changed.count(), qsizetype(vigil::exam::kOverlayColours.size()));
        const QString first = settings.overlayName();
        settings.nextOverlay();
        settings.nextOverlay();
        QVERIFY(settings.overlayName() != first);
    }

    void resetToStandardForgetsTheLastCandidatesChoiceButNotTheSeats() {
        AccessibilitySettings settings;
        settings.setScreenReader(true);
        settings.setTextSizeStep(2);
        settings.nextOverlay();
        settings.nextOverlay(); // another tint than the first
        QVERIFY(settings.overlayName() != AccessibilitySettings().overlayName());
        QSignalSpy changed(&settings, &AccessibilitySettings::changed);
        settings.resetToStandard();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(settings.textSizeStep(), 0);
        QCOMPARE(settings.theme(), AccessibilitySettings::Theme::Standard);
        QCOMPARE(settings.overlayName(), AccessibilitySettings().overlayName());
        QVERIFY(settings.screenReader());
        settings.resetToStandard();
        QCOMPARE(changed.count(), 1); // nothing left to change
    }

    // Practice follows the candidate's text size and colours, keeps its amber banner and an
    // accent the assessment never uses on the same theme, and every text stays readable.
    void practicePaletteFollowsTheChoiceAndKeepsPracticeMarked() {
        AccessibilitySettings settings;
        PracticePalette palette(settings);
        QSignalSpy changed(&palette, &PracticePalette::changed);
        QCOMPARE(palette.fontPixelSize(), 20);
        settings.increaseTextSize();
        QCOMPARE(palette.fontPixelSize(), 26);
        settings.increaseTextSize();
        QCOMPARE(palette.fontPixelSize(), 32);
        QCOMPARE(changed.count(), 2);
        const QRgb banner = palette.banner().rgb();

        std::vector<QString> themes{QStringLiteral("standard"), QStringLiteral("high-contrast")};
        for (const auto name : vigil::exam::kOverlayColours) {
            themes.push_back(QStringLiteral("overlay:") +
                             QString::fromLatin1(name.data(), qsizetype(name.size())));
        }
        for (const auto& theme : themes) {
            QVERIFY(settings.applyThemeName(theme));
            const auto what = theme.toStdString();
            QCOMPARE(palette.banner().rgb(), banner);
            QVERIFY2(palette.accent() != settings.accent(), what.c_str());
            QCOMPARE(palette.diagramsOnLightPanel(),
                     settings.theme() == AccessibilitySettings::Theme::HighContrast);
            const std::pair<QColor, QColor> readable[] = {
                {palette.text(), palette.background()},
                {palette.text(), palette.surface()},
                {palette.mutedText(), palette.background()},
                {palette.mutedText(), palette.surface()},
                {palette.accent(), palette.surface()},   // quiz titles
                {palette.right(), palette.surface()},    // "Passed"
                {palette.wrong(), palette.background()}, // a refused sign-in
                {palette.wrong(), palette.surface()},
                {palette.accentText(), palette.accent()},
                {palette.bannerText(), palette.banner()},
            };
            for (const auto& [foreground, background] : readable) {
                QVERIFY2(contrast(foreground, background) >= 4.5,
                         (what + ": " + foreground.name().toStdString() + " on " +
                          background.name().toStdString())
                             .c_str());
            }
        }
        QVERIFY(settings.applyThemeName(QStringLiteral("overlay:peach")));
        QCOMPARE(palette.background().rgb(), overlayTint("peach")->rgb());
    }

    void bridgeIsSwitchedOnUnlessTheEnvironmentChose() {
        const char* name = AccessibilitySettings::kBridgeAlwaysOnVariable;
        qunsetenv(name);
        QVERIFY(AccessibilitySettings::enableAccessibilityBridge());
        QCOMPARE(qgetenv(name), QByteArray("1"));
        // A centre that switched it off on purpose (e.g. a broken D-Bus) is respected.
        qputenv(name, "0");
        QVERIFY(!AccessibilitySettings::enableAccessibilityBridge());
        QCOMPARE(qgetenv(name), QByteArray("0"));
        qunsetenv(name);
    }
};

QTEST_MAIN(TestAccessibilitySettings)
#include "tst_accessibility_settings.moc"
