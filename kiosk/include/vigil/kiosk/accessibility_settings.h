#pragma once

#include <QColor>
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace vigil::kiosk {

// The candidate's presentation needs: text size and colour theme. The seat assignment gives
// the starting values; the candidate may change them during the sitting. The colours are
// decided here so every screen uses the same palette and QML computes nothing.
class AccessibilitySettings : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the session")

    /// 0 (standard), 1 (large), 2 (largest).
    Q_PROPERTY(int textSizeStep READ textSizeStep WRITE setTextSizeStep NOTIFY changed)
    /// Multiplier for every font and control size: 1.0, 1.3 or 1.6.
    Q_PROPERTY(double textScale READ textScale NOTIFY changed)
    Q_PROPERTY(Theme theme READ theme WRITE setTheme NOTIFY changed)
    /// For the Overlay theme: the tint behind all text (e.g. cream, blue, yellow).
    Q_PROPERTY(QColor overlayColour READ overlayColour WRITE setOverlayColour NOTIFY changed)
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

public:
    enum class Theme { Standard, HighContrast, Overlay };
    Q_ENUM(Theme)

    static constexpr int kTextSizeSteps = 3;

    explicit AccessibilitySettings(QObject* parent = nullptr);

    [[nodiscard]] int textSizeStep() const noexcept { return textSizeStep_; }
    void setTextSizeStep(int step);
    [[nodiscard]] double textScale() const noexcept;
    [[nodiscard]] Theme theme() const noexcept { return theme_; }
    void setTheme(Theme theme);
    [[nodiscard]] QColor overlayColour() const { return overlayColour_; }
    void setOverlayColour(const QColor& colour);

    [[nodiscard]] QColor background() const;
    [[nodiscard]] QColor surface() const;
    [[nodiscard]] QColor text() const;
    [[nodiscard]] QColor mutedText() const;
    [[nodiscard]] QColor accent() const;
    [[nodiscard]] QColor accentText() const;
    [[nodiscard]] QColor warning() const;
    [[nodiscard]] QColor focusRing() const;
    [[nodiscard]] int fontPixelSize() const;

    Q_INVOKABLE void increaseTextSize() { setTextSizeStep(textSizeStep_ + 1); }
    Q_INVOKABLE void decreaseTextSize() { setTextSizeStep(textSizeStep_ - 1); }
    // Reads "standard" / "high-contrast" / "overlay:#RRGGBB"; unknown text keeps Standard.
    void applyThemeName(const QString& name);

signals:
    void changed();

private:
    int textSizeStep_ = 0;
    Theme theme_ = Theme::Standard;
    QColor overlayColour_{0xfd, 0xf6, 0xd8}; // cream
};

} // namespace vigil::kiosk
