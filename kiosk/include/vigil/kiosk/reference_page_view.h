#pragma once

#include "vigil/kiosk/reference_panel.h"

#include <QPointer>
#include <QQuickPaintedItem>
#include <QtQml/qqmlregistration.h>

namespace vigil::kiosk {

// Paints the reference panel's current page, as an image (no text layer, nothing to select
// or copy). Its implicit size is the page's at the panel's zoom.
class ReferencePageView : public QQuickPaintedItem {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(vigil::kiosk::ReferencePanel* panel READ panel WRITE setPanel NOTIFY panelChanged)

public:
    explicit ReferencePageView(QQuickItem* parent = nullptr);

    [[nodiscard]] ReferencePanel* panel() const { return panel_; }
    void setPanel(ReferencePanel* panel);
    void paint(QPainter* painter) override;

signals:
    void panelChanged();

private:
    void refresh();

    QPointer<ReferencePanel> panel_;
    QImage image_;
};

} // namespace vigil::kiosk
