#include "vigil/exam/seat_assignment.h"
#include "vigil/kiosk/accessibility_settings.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <cmath>

using vigil::kiosk::AccessibilitySettings;
using vigil::kiosk::overlayTint;

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
