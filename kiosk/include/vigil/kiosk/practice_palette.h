#pragma once

#include "vigil/kiosk/accessibility_settings.h"

#include <QColor>
#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace vigil::kiosk {

// The practice screens' colours and sizes, following the candidate's text size and colour
// theme (an AccessibilitySettings the practice seat owns) while keeping what marks practice
// out on every theme: the amber banner and an accent that is never the assessment's (green on
// the light themes, bright green on high contrast, where the assessment's is yellow). Decided
// here, as AccessibilitySettings decides the assessment's, so the screens compute nothing.
// Text on each background keeps at least 4.5:1 (tst_practice_palette checks every theme).
class PracticePalette : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the practice seat")

    Q_PROPERTY(QColor background READ background NOTIFY changed)
    Q_PROPERTY(QColor surface READ surface NOTIFY changed)
    Q_PROPERTY(QColor text READ text NOTIFY changed)
    Q_PROPERTY(QColor mutedText READ mutedText NOTIFY changed)
    Q_PROPERTY(QColor accent READ accent NOTIFY changed)
    Q_PROPERTY(QColor accentText READ accentText NOTIFY changed)
    Q_PROPERTY(QColor banner READ banner NOTIFY changed)
    Q_PROPERTY(QColor bannerText READ bannerText NOTIFY changed)
    Q_PROPERTY(QColor right READ right NOTIFY changed)
    Q_PROPERTY(QColor wrong READ wrong NOTIFY changed)
    Q_PROPERTY(QColor focusRing READ focusRing NOTIFY changed)
    Q_PROPERTY(int focusRingWidth READ focusRingWidth NOTIFY changed)
    Q_PROPERTY(int fontPixelSize READ fontPixelSize NOTIFY changed)
    Q_PROPERTY(double textScale READ textScale NOTIFY changed)
    // Diagrams are mostly black lines on a transparent background: on high contrast's black
    // the content that holds one is shown on a light panel (as the assessment's question is).
    Q_PROPERTY(bool diagramsOnLightPanel READ diagramsOnLightPanel NOTIFY changed)

public:
    explicit PracticePalette(const AccessibilitySettings& settings, QObject* parent = nullptr);

    [[nodiscard]] QColor background() const;
    [[nodiscard]] QColor surface() const;
    [[nodiscard]] QColor text() const;
    [[nodiscard]] QColor mutedText() const;
    [[nodiscard]] QColor accent() const;
    [[nodiscard]] QColor accentText() const;
    [[nodiscard]] QColor banner() const;
    [[nodiscard]] QColor bannerText() const;
    [[nodiscard]] QColor right() const;
    [[nodiscard]] QColor wrong() const;
    [[nodiscard]] QColor focusRing() const;
    [[nodiscard]] int focusRingWidth() const noexcept;
    [[nodiscard]] int fontPixelSize() const;
    [[nodiscard]] double textScale() const noexcept;
    [[nodiscard]] bool diagramsOnLightPanel() const noexcept;

signals:
    void changed();

private:
    [[nodiscard]] bool highContrast() const noexcept;

    const AccessibilitySettings& settings_;
};

} // namespace vigil::kiosk
