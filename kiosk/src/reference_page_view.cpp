#include "vigil/kiosk/reference_page_view.h"

#include <QPainter>
#include <QQuickWindow>

namespace vigil::kiosk {

ReferencePageView::ReferencePageView(QQuickItem* parent)
    : QQuickPaintedItem(parent) {}

void ReferencePageView::setPanel(ReferencePanel* panel) {
    if (panel == panel_) {
        return;
    }
    if (panel_) {
        disconnect(panel_, nullptr, this, nullptr);
    }
    panel_ = panel;
    if (panel_) {
        connect(panel_, &ReferencePanel::pageImageChanged, this, &ReferencePageView::refresh);
        connect(panel_, &ReferencePanel::openChanged, this, &ReferencePageView::refresh);
    }
    refresh();
    emit panelChanged();
}

void ReferencePageView::refresh() {
    const qreal ratio = window() ? window()->effectiveDevicePixelRatio() : 1.0;
    image_ = panel_ && panel_->isOpen() ? panel_->renderPage(ratio) : QImage();
    image_.setDevicePixelRatio(ratio);
    setImplicitSize(image_.width() / ratio, image_.height() / ratio);
    update();
}

void ReferencePageView::paint(QPainter* painter) {
    if (!image_.isNull()) {
        painter->drawImage(QRectF(0, 0, image_.width() / image_.devicePixelRatio(),
                                  image_.height() / image_.devicePixelRatio()),
                           image_);
    }
}

} // namespace vigil::kiosk
