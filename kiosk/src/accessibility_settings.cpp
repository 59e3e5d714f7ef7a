#include "vigil/kiosk/accessibility_settings.h"

#include <QtGlobal>
#include <algorithm>
#include <array>
#include <utility>

namespace vigil::kiosk {

namespace {

// Pale tints, close to the coloured overlays dyslexia and visual-stress assessors issue on
// paper, light enough that body text keeps a contrast ratio above 12:1.
constexpr std::array<std::pair<std::string_view, QRgb>, 8> kOverlayTints{{
    {"yellow", 0xfff6b3},
    {"cream", 0xfdf6d8},
    {"blue", 0xd4e8f7},
    {"green", 0xd6efcf},
    {"pink", 0xf9d8e3},
    {"peach", 0xfddfc8},
    {"lilac", 0xe5daf2},
    {"grey", 0xe3e3e3},
}};

constexpr int kFocusRingWidth = 4;
constexpr int kScreenReaderFocusRingWidth = 7;

} // namespace

std::optional<QColor> overlayTint(std::string_view name) {
    for (const auto& [overlay, rgb] : kOverlayTints) {
        if (overlay == name) {
            return QColor::fromRgb(rgb);
        }
    }
    return std::nullopt;
}

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

bool AccessibilitySettings::setOverlayName(const QString& name) {
    const auto tint = overlayTint(name.toStdString());
    if (!tint) {
        return false;
    }
    if (name != overlayName_) {
        overlayName_ = name;
        overlayColour_ = *tint;
        emit changed();
    }
    return true;
}

void AccessibilitySettings::nextOverlay() {
    if (theme_ != Theme::Overlay) {
        setTheme(Theme::Overlay); // the tint chosen last, or the seat's
        return;
    }
    const auto current =
        std::find_if(kOverlayTints.begin(), kOverlayTints.end(), [&](const auto& tint) {
            return overlayName_ == QLatin1String(tint.first.data(), qsizetype(tint.first.size()));
        });
    const auto next = (current == kOverlayTints.end() || current + 1 == kOverlayTints.end())
                          ? kOverlayTints.begin()
                          : current + 1;
    overlayName_ = QString::fromLatin1(next->first.data(), qsizetype(next->first.size()));
    overlayColour_ = QColor::fromRgb(next->second);
    emit changed(); // the tint always changes
}

void AccessibilitySettings::resetToStandard() {
    const AccessibilitySettings standard;
    const bool same = textSizeStep_ == standard.textSizeStep_ && theme_ == standard.theme_ &&
                      overlayName_ == standard.overlayName_;
    textSizeStep_ = standard.textSizeStep_;
    theme_ = standard.theme_;
    overlayName_ = standard.overlayName_;
    overlayColour_ = standard.overlayColour_;
    if (!same) {
        emit changed();
    }
}

bool AccessibilitySettings::enableAccessibilityBridge() {
    if (!qEnvironmentVariableIsSet(kBridgeAlwaysOnVariable)) {
        qputenv(kBridgeAlwaysOnVariable, "1");
    }
    return qEnvironmentVariableIntValue(kBridgeAlwaysOnVariable) != 0;
}

void AccessibilitySettings::setScreenReader(bool on) {
    if (on != screenReader_) {
        screenReader_ = on;
        emit changed();
    }
}

bool AccessibilitySettings::applyThemeName(const QString& name) {
    if (name == QLatin1String("standard")) {
        setTheme(Theme::Standard);
    } else if (name == QLatin1String("high-contrast")) {
        setTheme(Theme::HighContrast);
    } else if (name == QLatin1String("overlay")) {
        setTheme(Theme::Overlay);
    } else if (name.startsWith(QLatin1String("overlay:"))) {
        if (!setOverlayName(name.mid(int(std::char_traits<char>::length("overlay:"))))) {
            return false;
        }
        setTheme(Theme::Overlay);
    } else {
        return false;
    }
    return true;
}

bool AccessibilitySettings::applySeatOptions(const exam::AccessibilityOptions& options) {
    setTextSizeStep(options.textScale);
    setScreenReader(options.screenReader);
    if (!options.overlayColour) {
        return true;
    }
    return applyThemeName(
        QStringLiteral("overlay:%1").arg(QString::fromStdString(*options.overlayColour)));
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

int AccessibilitySettings::focusRingWidth() const noexcept {
    return screenReader_ ? kScreenReaderFocusRingWidth : kFocusRingWidth;
}

} // namespace vigil::kiosk
