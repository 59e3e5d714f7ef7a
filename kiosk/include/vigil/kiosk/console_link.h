#pragma once

#include "vigil/crypto/secure_buffer.h"
#include "vigil/crypto/signing.h"
#include "vigil/sync/discovery.h"
#include "vigil/sync/kiosk_link.h"
#include "vigil/sync/messages.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

class QQmlEngine;
class QJSEngine;

namespace vigil::kiosk {

class SessionController;

// Where this kiosk's console listens: the `console = host:port` line of seat.conf, or
// `console = announced` (`announced:<udp port>`): wherever the console's signed announcement
// says (sync/discovery.h), followed when it moves.
struct ConsoleAddress {
    std::string host;
    std::uint16_t port = 0;
    bool announced = false;
    std::uint16_t announcementPort = sync::kDefaultAnnouncementPort;
    // "host:port", or "announced" / "announced:<udp port>" (not the default port)
    [[nodiscard]] QString text() const;
    bool operator==(const ConsoleAddress&) const = default;
};

// "host:port" (a name, an IPv4 address or a bracketed IPv6 address), or "announced" with an
// optional ":<udp port>". nullopt with `error` set when it is neither.
[[nodiscard]] std::optional<ConsoleAddress> parseConsoleAddress(const QString& text,
                                                                QString* error);

// The `console` line of a seat.conf: nullopt and no error when there is none (the kiosk stands
// alone, as before the link), nullopt with `error` set when the line is malformed.
[[nodiscard]] std::optional<ConsoleAddress>
readConsoleAddress(const std::filesystem::path& seatConf, QString* error);

// What the kiosk tells the console about its screen: the screen's name, the sitting, question
// n of N on the question screens, the time left, and the Locked screen's refusal if any.
[[nodiscard]] sync::KioskStatus statusOf(const SessionController& session);

// The kiosk's side of the link as the screens see it (the QML singleton `Link`): this PC's
// fingerprint, the console it reaches and where the link stands, as sentences. It runs the
// sync::KioskLink (its own thread), which reports every change of its standing as it happens;
// each report is queued to this object's thread, so every property changes on the GUI thread
// and in the order the link saw. Without a console in seat.conf it stays `linked == false`.
class ConsoleLink : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(Link)
    QML_SINGLETON

    Q_PROPERTY(bool linked READ linked NOTIFY changed)
    Q_PROPERTY(QString fingerprint READ fingerprint NOTIFY changed)
    Q_PROPERTY(QString fingerprintText READ fingerprintText NOTIFY changed)
    Q_PROPERTY(QString consoleText READ consoleText NOTIFY changed)
    Q_PROPERTY(QString standing READ standing NOTIFY changed)
    Q_PROPERTY(QString standingText READ standingText NOTIFY changed)

public:
    struct Setup {
        std::filesystem::path storeFile;
        const crypto::SecureBuffer* storeKey = nullptr;
        const crypto::SigningKeyPair* kioskKeys = nullptr;
        // The key that signs this centre's seat assignments (trust/issuer-signing.pub): the
        // console's own key, so it is the one key the link trusts.
        crypto::SigningPublicKey consoleKey{};
        ConsoleAddress address;
        std::string centreId;
        std::string seat;
        // Applies the console's verified commands (command_handler.h's onThreadOf puts it on
        // the screens' thread); empty: every command is refused.
        sync::CommandHandler commandHandler;
    };

    // No default: QML (Qt 6.4) would construct a default-constructible singleton itself
    // instead of asking create().
    explicit ConsoleLink(QObject* parent);
    ~ConsoleLink() override;

    // The instance QML's `Link` singleton returns (owned by its creator); without one, QML gets
    // an unlinked one of its own.
    static void setInstance(ConsoleLink* instance);
    static ConsoleLink* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

    // Starts the link (it keeps copies of the keys it is given).
    void start(const Setup& setup);
    // From now on the session's screen changes are pushed and its journal appends sent.
    void follow(SessionController& session);
    void stop();

    [[nodiscard]] bool linked() const { return link_ != nullptr; }
    [[nodiscard]] QString fingerprint() const { return fingerprint_; }
    [[nodiscard]] QString fingerprintText() const;
    [[nodiscard]] QString consoleText() const;
    // "standalone", "connecting", "awaiting-enrolment", "enrolled", "refused", "store-behind"
    [[nodiscard]] QString standing() const;
    [[nodiscard]] QString standingText() const;
    // One line for --self-test.
    [[nodiscard]] QString statusLine() const;
    // Following announcements: how many were ignored, and why the last one was.
    [[nodiscard]] std::uint64_t ignoredAnnouncements() const;
    [[nodiscard]] QString lastIgnoredAnnouncement() const;
    // Runs the event loop until the console has answered (the standing is no longer
    // "connecting") or `limitMs` has passed: what --self-test waits for before it reports.
    void waitForAnswer(int limitMs);

    void pushStatus(const sync::KioskStatus& status);

signals:
    void changed();
    // The console holds more of a sitting than this PC's store: restored or deleted. Once.
    void storeBehind(const QString& reason);

private:
    // A report from the link, on this object's thread.
    void take(std::uint64_t generation, const sync::KioskLink::View& view);

    std::unique_ptr<sync::KioskLink> link_;
    ConsoleAddress address_;
    QString fingerprint_;
    sync::KioskLink::Standing standing_ = sync::KioskLink::Standing::Connecting;
    QString refusal_;
    QString consoleName_;
    // Where the link connects: as configured, or as last announced (empty: not heard yet).
    std::optional<ConsoleAddress> reached_;
    QString listenProblem_;
    bool storeBehindReported_ = false;
    // Which start() a queued report belongs to: one from a link already stopped is dropped.
    std::uint64_t generation_ = 0;
};

} // namespace vigil::kiosk
