#pragma once
// A TCP proxy on loopback between one kiosk and the console, in the test's process (its event
// loop carries the traffic): the kiosk's seat.conf names the proxy's port. Used by the room
// tests (tst_link_room, tst_room_of_kiosk_binaries) to cut and hold one kiosk's link.
#include <QHostAddress>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <algorithm>
#include <utility>
#include <vector>

namespace vigil::kiosk::testing {

// A TCP proxy between one kiosk and the console: forwards both ways, or holds everything
// (delay), or cuts every connection and refuses new ones (drop).
class LinkProxy : public QObject {
public:
    explicit LinkProxy(quint16 target)
        : target_(target) {
        server_.listen(QHostAddress::LocalHost, 0);
        connect(&server_, &QTcpServer::newConnection, this, [this] { accept(); });
    }
    ~LinkProxy() override {
        const auto pairs = pairs_;
        for (const auto& pair : pairs) {
            close(pair.first);
        }
    }
    [[nodiscard]] quint16 port() const { return server_.serverPort(); }

    void setTarget(quint16 target) { target_ = target; }
    void dropAll(bool dropping) {
        dropping_ = dropping;
        if (dropping) {
            const auto pairs = pairs_;
            for (const auto& pair : pairs) {
                close(pair.first);
            }
        }
    }
    void delay(bool holding) {
        holding_ = holding;
        if (!holding) {
            const auto pairs = pairs_;
            for (const auto& pair : pairs) {
                forward(pair.first, pair.second);
                forward(pair.second, pair.first);
            }
        }
    }
    [[nodiscard]] int connections() const { return accepted_; }

private:
    void accept() {
        while (auto* kiosk = server_.nextPendingConnection()) {
            if (dropping_) {
                kiosk->abort();
                kiosk->deleteLater();
                continue;
            }
            ++accepted_;
            auto* console = new QTcpSocket(kiosk);
            pairs_.push_back({kiosk, console});
            connect(kiosk, &QTcpSocket::readyRead, this, [=, this] { forward(kiosk, console); });
            connect(console, &QTcpSocket::readyRead, this, [=, this] { forward(console, kiosk); });
            connect(console, &QTcpSocket::connected, this, [=, this] { forward(kiosk, console); });
            connect(kiosk, &QTcpSocket::disconnected, this, [=, this] { close(kiosk); });
            connect(console, &QTcpSocket::disconnected, this, [=, this] { close(kiosk); });
            console->connectToHost(QHostAddress::LocalHost, target_);
        }
    }
    // Closes both sides of one connection, once.
    void close(QTcpSocket* kiosk) {
        const auto found = std::find_if(pairs_.begin(), pairs_.end(),
                                        [kiosk](const auto& pair) { return pair.first == kiosk; });
        if (found == pairs_.end()) {
            return;
        }
        const auto [kioskSide, consoleSide] = *found;
        pairs_.erase(found);
        kioskSide->disconnect(this);
        consoleSide->disconnect(this);
        consoleSide->abort();
        kioskSide->abort();
        kioskSide->deleteLater(); // and the console side, its child
    }
    void forward(QTcpSocket* from, QTcpSocket* to) {
        if (holding_ || to->state() != QAbstractSocket::ConnectedState) {
            return; // stays in `from`'s buffer until released
        }
        to->write(from->readAll());
    }

    QTcpServer server_;
    quint16 target_;
    bool dropping_ = false;
    bool holding_ = false;
    int accepted_ = 0;
    std::vector<std::pair<QTcpSocket*, QTcpSocket*>> pairs_;
};

} // namespace vigil::kiosk::testing
