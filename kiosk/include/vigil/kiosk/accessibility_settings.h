#pragma once

#include "vigil/exam/seat_assignment.h"

#include <QColor>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>
#include <optional>
#include <string_view>

namespace vigil::kiosk {

// The pale tint behind all text for each coloured overlay a seat assignment may name
// (exam::kOverlayColours); none for a name the kiosk does not know.
[[nodiscard]] std::optional<QColor> overlayTint(std::string_view name);

// The candidate's presentation needs: text size, colour theme and screen-reader support. The
// seat assignment gives the starting values; the candidate may change size and theme during
// the sitting. The colours are decided here so every screen uses the same palette and QML
// computes nothing.
class AccessibilitySettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the session")

    /// 0 (standard), 1 (large), 2 (largest).
    Q_PROPERTY(int textSizeStep READ textSizeStep WRITE setTextSizeStep NOTIFY changed)
    /// Multiplier for every font and control size: 1.0, 1.3 or 1.6.
    Q_PROPERTY(double textScale READ textScale NOTIFY changed)
    Q_PROPERTY(Theme theme READ theme WRITE setTheme NOTIFY changed)
    /// For the Overlay theme: the overlay's name (one of exam::kOverlayColours) and its tint.
    Q_PROPERTY(QString overlayName READ overlayName NOTIFY changed)
    Q_PROPERTY(QColor overlayColour READ overlayColour NOTIFY changed)
    Q_PROPERTY(QColor background READ background NOTIFY changed)
    Q_PROPERTY(QColor surface READ surface NOTIFY changed)
    Q_PROPERTY(QColor text READ text NOTIFY changed)
    Q_PROPERTY(QColor mutedText READ mutedText NOTIFY changed)
    Q_PROPERTY(QColor accent READ accent NOTIFY changed)
    Q_PROPERTY(QColor accentText READ accentText NOTIFY changed)
    Q_PROPERTY(QColor warning READ warning NOTIFY changed)
    Q_PROPERTY(QColor focusRing READ focusRing NOTIFY changed)
    /// Base font pixel size after scaling.
    Q_PROPERTY(int fontPixelSize READ fontPixelSize NOTIFY changed)
    /// The seat assignment asks for screen-reader support: focus indicators are drawn wider
    /// (a screen-reader user often has some sight and follows the focus) and screens may say
    /// more in Accessible.description. Whether the AT-SPI bridge publishes the screens is
    /// decided at start-up: see enableAccessibilityBridge().
    Q_PROPERTY(bool screenReader READ screenReader NOTIFY changed)
    /// Border width of the focus indicator of every control, in pixels.
    Q_PROPERTY(int focusRingWidth READ focusRingWidth NOTIFY changed)

public:
    enum class Theme { Standard, HighContrast, Overlay };
    Q_ENUM(Theme)

    static constexpr int kTextSizeSteps = 3;
    // Makes Qt's Linux accessibility bridge (AT-SPI over D-Bus) publish the screens even when
    // the desktop has not announced a screen reader. Qt reads it once, when QGuiApplication is
    // built, which is before the seat assignment is opened.
    static constexpr const char* kBridgeAlwaysOnVariable = "QT_LINUX_ACCESSIBILITY_ALWAYS_ON";
    // Sets kBridgeAlwaysOnVariable unless the environment already chose. To be called by main()
    // before QGuiApplication exists, on every seat: the assignment that asks for a screen
    // reader is only read later, and the bridge costs nothing when no reader listens.
    // Returns true when the variable is now on.
    static bool enableAccessibilityBridge();

    explicit AccessibilitySettings(QObject* parent = nullptr);

    [[nodiscard]] int textSizeStep() const noexcept { return textSizeStep_; }
    void setTextSizeStep(int step);
    [[nodiscard]] double textScale() const noexcept;
    [[nodiscard]] Theme theme() const noexcept { return theme_; }
    void setTheme(Theme theme);
    [[nodiscard]] QString overlayName() const { return overlayName_; }
    [[nodiscard]] QColor overlayColour() const { return overlayColour_; }
    // Chooses the overlay by name; false (and nothing changes) for a name not in
    // exam::kOverlayColours.
    Q_INVOKABLE bool setOverlayName(const QString& name);
    // The Overlay theme in its current tint; on the Overlay theme already, the next tint of
    // exam::kOverlayColours (the first after the last): one button that walks a candidate
    // through every tint.
    Q_INVOKABLE void nextOverlay();
    // Standard text size, Standard colours, the first overlay tint (a shared PC's next
    // candidate starts from these). Screen-reader support is the seat's, and stays.
    void resetToStandard();
    [[nodiscard]] bool screenReader() const noexcept { return screenReader_; }
    void setScreenReader(bool on);

    [[nodiscard]] QColor background() const;
    [[nodiscard]] QColor surface() const;
    [[nodiscard]] QColor text() const;
    [[nodiscard]] QColor mutedText() const;
    [[nodiscard]] QColor accent() const;
    [[nodiscard]] QColor accentText() const;
    [[nodiscard]] QColor warning() const;
    [[nodiscard]] QColor focusRing() const;
    [[nodiscard]] int fontPixelSize() const;
    [[nodiscard]] int focusRingWidth() const noexcept;

    Q_INVOKABLE void increaseTextSize() { setTextSizeStep(textSizeStep_ + 1); }
    Q_INVOKABLE void decreaseTextSize() { setTextSizeStep(textSizeStep_ - 1); }
    // Reads "standard", "high-contrast", "overlay" (the current tint) or "overlay:<name>".
    // Returns false and changes nothing for any other text, including an unknown overlay.
    bool applyThemeName(const QString& name);
    // The starting values from the seat assignment: text size, overlay, screen reader. Returns
    // false when the overlay name is unknown; everything else is still applied and the theme
    // stays Standard.
    [[nodiscard]] bool applySeatOptions(const exam::AccessibilityOptions& options);

signals:
    void changed();

private:
    int textSizeStep_ = 0;
    Theme theme_ = Theme::Standard;
    QString overlayName_ = QStringLiteral("cream");
    QColor overlayColour_{0xfd, 0xf6, 0xd8};
    bool screenReader_ = false;
};

} // namespace vigil::kiosk
