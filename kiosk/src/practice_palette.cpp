#include "vigil/kiosk/practice_palette.h"

#include <cmath>

namespace vigil::kiosk {

namespace {

using Theme = AccessibilitySettings::Theme;

// Practice's own light-theme colours: a green accent, never the assessment's blue.
const QColor kPracticeGreen{0x1b, 0x6e, 0x3a};
const QColor kPracticeRed{0xa8, 0x1e, 0x1e};
const QColor kNearBlack{0x1a, 0x1a, 0x1a};
// On high contrast's black: bright enough for far more than 4.5:1, and not the assessment's
// yellow accent.
const QColor kHighContrastGreen{0x5c, 0xff, 0x8a};
const QColor kHighContrastRed{0xff, 0x8f, 0x8f};
// Amber on every theme: the banner is what says "practice" at a glance.
const QColor kBannerAmber{0xf2, 0xb7, 0x05};

constexpr int kBaseFontPixelSize = 20;

} // namespace

PracticePalette::PracticePalette(const AccessibilitySettings& settings, QObject* parent)
    : QObject(parent)
    , settings_(settings) {
    connect(&settings, &AccessibilitySettings::changed, this, &PracticePalette::changed);
}

bool PracticePalette::highContrast() const noexcept {
    return settings_.theme() == Theme::HighContrast;
}

QColor PracticePalette::background() const {
    switch (settings_.theme()) {
    case Theme::HighContrast:
        return Qt::black;
    case Theme::Overlay:
        return settings_.overlayColour();
    case Theme::Standard:
        break;
    }
    return {0xf1, 0xf7, 0xf2};
}

QColor PracticePalette::surface() const {
    switch (settings_.theme()) {
    case Theme::HighContrast:
        return Qt::black;
    case Theme::Overlay:
        return settings_.overlayColour().lighter(104);
    case Theme::Standard:
        break;
    }
    return Qt::white;
}

QColor PracticePalette::text() const {
    return highContrast() ? QColor(Qt::white) : kNearBlack;
}

QColor PracticePalette::mutedText() const {
    return highContrast() ? QColor(0xe0, 0xe0, 0xe0) : QColor(0x3f, 0x4f, 0x44);
}

QColor PracticePalette::accent() const {
    return highContrast() ? kHighContrastGreen : kPracticeGreen;
}

QColor PracticePalette::accentText() const {
    return highContrast() ? QColor(Qt::black) : QColor(Qt::white);
}

QColor PracticePalette::banner() const {
    return kBannerAmber;
}

QColor PracticePalette::bannerText() const {
    return kNearBlack;
}

QColor PracticePalette::right() const {
    return accent();
}

QColor PracticePalette::wrong() const {
    return highContrast() ? kHighContrastRed : kPracticeRed;
}

QColor PracticePalette::focusRing() const {
    // The amber of the banner on the light themes; on black, the assessment's cyan ring.
    return highContrast() ? settings_.focusRing() : kBannerAmber;
}

int PracticePalette::focusRingWidth() const noexcept {
    return settings_.focusRingWidth();
}

int PracticePalette::fontPixelSize() const {
    return int(std::lround(kBaseFontPixelSize * settings_.textScale()));
}

double PracticePalette::textScale() const noexcept {
    return settings_.textScale();
}

bool PracticePalette::diagramsOnLightPanel() const noexcept {
    return highContrast();
}

} // namespace vigil::kiosk
