#include "vigil/kiosk/accessibility_settings.h"

#include <algorithm>

namespace vigil::kiosk {

AccessibilitySettings::AccessibilitySettings(QObject* parent)
    : QObject(parent) {}

void AccessibilitySettings::setTextSizeStep(int step) {
    step = std::clamp(step, 0, kTextSizeSteps - 1);
    if (step != textSizeStep_) {
        textSizeStep_ = step;
        emit changed();
    }
}

double AccessibilitySettings::textScale() const noexcept {
    constexpr double scales[kTextSizeSteps] = {1.0, 1.3, 1.6};
    return scales[textSizeStep_];
}

void AccessibilitySettings::setTheme(Theme theme) {
    if (theme != theme_) {
        theme_ = theme;
        emit changed();
    }
}

void AccessibilitySettings::setOverlayColour(const QColor& colour) {
    if (colour.isValid() && colour != overlayColour_) {
        overlayColour_ = colour;
        emit changed();
    }
}

void AccessibilitySettings::applyThemeName(const QString& name) {
    if (name == QLatin1String("high-contrast")) {
        setTheme(Theme::HighContrast);
    } else if (name.startsWith(QLatin1String("overlay"))) {
        const auto colon = name.indexOf(u':');
        if (colon > 0) {
            setOverlayColour(QColor(name.mid(colon + 1)));
        }
        setTheme(Theme::Overlay);
    } else {
        setTheme(Theme::Standard);
    }
}

QColor AccessibilitySettings::background() const {
    switch (theme_) {
    case Theme::HighContrast:
        return Qt::black;
    case Theme::Overlay:
        return overlayColour_;
    case Theme::Standard:
        break;
    }
    return QColor(0xf4, 0xf5, 0xf7);
}

QColor AccessibilitySettings::surface() const {
    switch (theme_) {
    case Theme::HighContrast:
        return Qt::black;
    case Theme::Overlay:
        return overlayColour_.lighter(104);
    case Theme::Standard:
        break;
    }
    return Qt::white;
}

QColor AccessibilitySettings::text() const {
    return theme_ == Theme::HighContrast ? QColor(Qt::white) : QColor(0x1a, 0x1a, 0x1a);
}

QColor AccessibilitySettings::mutedText() const {
    return theme_ == Theme::HighContrast ? QColor(0xff, 0xff, 0x00) : QColor(0x4a, 0x4f, 0x57);
}

QColor AccessibilitySettings::accent() const {
    return theme_ == Theme::HighContrast ? QColor(0xff, 0xff, 0x00) : QColor(0x00, 0x4b, 0x87);
}

QColor AccessibilitySettings::accentText() const {
    return theme_ == Theme::HighContrast ? QColor(Qt::black) : QColor(Qt::white);
}

QColor AccessibilitySettings::warning() const {
    return theme_ == Theme::HighContrast ? QColor(0xff, 0x80, 0x00) : QColor(0xa8, 0x1e, 0x1e);
}

QColor AccessibilitySettings::focusRing() const {
    return theme_ == Theme::HighContrast ? QColor(0x00, 0xff, 0xff) : QColor(0xe0, 0x7b, 0x00);
}

int AccessibilitySettings::fontPixelSize() const {
    return int(18 * textScale() + 0.5);
}

} // namespace vigil::kiosk
