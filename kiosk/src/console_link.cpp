#include "vigil/kiosk/console_link.h"

#include "vigil/kiosk/session_controller.h"
#include "vigil/sync/fingerprint.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJSEngine>
#include <QMetaEnum>
#include <QThread>

namespace vigil::kiosk {

namespace {

ConsoleLink* g_consoleLink = nullptr;

// How long --self-test's wait lets events run between two looks at the standing.
constexpr int kWaitStepMs = 20;

} // namespace

QString ConsoleAddress::text() const {
    if (announced) {
        return announcementPort == sync::kDefaultAnnouncementPort
                   ? QStringLiteral("announced")
                   : QStringLiteral("announced:%1").arg(announcementPort);
    }
    const auto name = QString::fromStdString(host);
    return (name.contains(u':') ? u'[' + name + u']' : name) + u':' + QString::number(port);
}

std::optional<ConsoleAddress> parseConsoleAddress(const QString& text, QString* error) {
    const QString trimmed = text.trimmed();
    if (trimmed == QLatin1String("announced") || trimmed.startsWith(QLatin1String("announced:"))) {
        ConsoleAddress address;
        address.announced = true;
        if (trimmed.size() > 9) {
            bool numeric = false;
            const uint port = trimmed.mid(10).toUInt(&numeric);
            if (!numeric || port == 0 || port > 65535) {
                *error = QStringLiteral("console = %1: not announced:<UDP port> (e.g. console = "
                                        "announced:47110)")
                             .arg(trimmed);
                return std::nullopt;
            }
            address.announcementPort = std::uint16_t(port);
        }
        return address;
    }
    const auto colon = trimmed.lastIndexOf(u':');
    QString host = colon > 0 ? trimmed.left(colon) : QString();
    if (host.startsWith(u'[') && host.endsWith(u']')) {
        host = host.mid(1, host.size() - 2);
    } else if (host.contains(u':')) {
        host.clear(); // an IPv6 address needs its brackets to tell it from the port
    }
    bool numeric = false;
    const uint port = colon > 0 ? trimmed.mid(colon + 1).toUInt(&numeric) : 0;
    if (host.isEmpty() || host.contains(u' ') || !numeric || port == 0 || port > 65535) {
        *error = QStringLiteral("console = %1: not host:port (e.g. console = 192.168.10.2:7443) "
                                "nor announced")
                     .arg(trimmed);
        return std::nullopt;
    }
    return ConsoleAddress{host.toStdString(), std::uint16_t(port)};
}

std::optional<ConsoleAddress> readConsoleAddress(const std::filesystem::path& seatConf,
                                                 QString* error) {
    QFile in(QString::fromStdString(seatConf.string()));
    if (!in.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return std::nullopt;
    }
    while (!in.atEnd()) {
        const QString line = QString::fromUtf8(in.readLine()).trimmed();
        const auto equals = line.indexOf(u'=');
        if (line.startsWith(u'#') || equals <= 0 ||
            line.left(equals).trimmed() != QLatin1String("console")) {
            continue;
        }
        return parseConsoleAddress(line.mid(equals + 1), error);
    }
    return std::nullopt;
}

sync::KioskStatus statusOf(const SessionController& session) {
    using Screen = SessionController::Screen;
    sync::KioskStatus status;
    status.screen = QMetaEnum::fromType<Screen>().valueToKey(int(session.screen()));
    if (const auto* sitting = session.sitting()) {
        status.sittingId = sitting->id();
        status.questionCount = session.questionCount();
        switch (session.screen()) {
        case Screen::Question:
        case Screen::Review:
        case Screen::SubmitConfirm:
        case Screen::Paused:
            status.position = session.position() + 1;
            break;
        default:
            break;
        }
    }
    status.secondsLeft = std::max(0, session.secondsLeft());
    status.problem = session.setupError().toStdString();
    return status;
}

ConsoleLink::ConsoleLink(QObject* parent)
    : QObject(parent) {}

ConsoleLink::~ConsoleLink() {
    if (g_consoleLink == this) {
        g_consoleLink = nullptr;
    }
}

void ConsoleLink::setInstance(ConsoleLink* instance) {
    g_consoleLink = instance;
}

ConsoleLink* ConsoleLink::create(QQmlEngine*, QJSEngine*) {
    if (!g_consoleLink) {
        return new ConsoleLink(nullptr); // QML owns it: a screen tested without a runtime
    }
    QJSEngine::setObjectOwnership(g_consoleLink, QJSEngine::CppOwnership);
    return g_consoleLink;
}

void ConsoleLink::start(const Setup& setup) {
    stop();
    address_ = setup.address;
    fingerprint_ = QString::fromStdString(sync::shortFingerprint(setup.kioskKeys->publicKey));
    sync::KioskLinkOptions options;
    options.host = setup.address.host;
    options.port = setup.address.port;
    options.followAnnouncements = setup.address.announced;
    options.announcementPort = setup.address.announcementPort;
    options.centreId = setup.centreId;
    options.seat = setup.seat;
    options.software = "vigil-kiosk " VIGIL_VERSION_STRING;
    link_ = std::make_unique<sync::KioskLink>(setup.storeFile, *setup.storeKey, *setup.kioskKeys,
                                              setup.consoleKey, std::move(options));
    if (setup.commandHandler) {
        link_->setCommandHandler(setup.commandHandler);
    }
    standing_ = sync::KioskLink::Standing::Connecting;
    refusal_.clear();
    consoleName_.clear();
    reached_.reset();
    listenProblem_.clear();
    const auto generation = ++generation_;
    // On the link's threads: only queued to this object's thread (dropped if it is gone).
    link_->onChanged([this, generation](const sync::KioskLink::View& view) {
        QMetaObject::invokeMethod(
            this, [this, generation, view] { take(generation, view); }, Qt::QueuedConnection);
    });
    link_->start();
    emit changed();
}

void ConsoleLink::follow(SessionController& session) {
    const auto push = [this, &session] {
        pushStatus(statusOf(session));
    };
    for (const auto signal :
         {&SessionController::screenChanged, &SessionController::questionChanged,
          &SessionController::timeChanged, &SessionController::sittingChanged}) {
        connect(&session, signal, this, push);
    }
    connect(&session, &SessionController::journalAppended, this, [this] {
        if (link_) {
            link_->journalChanged();
        }
    });
    push();
    // What the session wrote while it was being built (an Interrupted event on resume) goes too.
    if (link_) {
        link_->journalChanged();
    }
}

void ConsoleLink::stop() {
    ++generation_; // reports still queued from this link are dropped
    if (link_) {
        link_->stop();
        link_.reset();
        emit changed();
    }
}

void ConsoleLink::pushStatus(const sync::KioskStatus& status) {
    if (link_) {
        link_->setStatus(status);
    }
}

void ConsoleLink::take(std::uint64_t generation, const sync::KioskLink::View& view) {
    if (!link_ || generation != generation_) {
        return;
    }
    const auto refusal = QString::fromStdString(view.refusal);
    const auto consoleName = QString::fromStdString(view.consoleName);
    std::optional<ConsoleAddress> reached;
    if (!view.consoleHost.empty()) {
        reached = ConsoleAddress{view.consoleHost, view.consolePort};
    }
    const auto listenProblem = QString::fromStdString(view.listenProblem);
    if (view.standing == standing_ && refusal == refusal_ && consoleName == consoleName_ &&
        reached == reached_ && listenProblem == listenProblem_) {
        return;
    }
    standing_ = view.standing;
    refusal_ = refusal;
    consoleName_ = consoleName;
    reached_ = reached;
    listenProblem_ = listenProblem;
    emit changed();
    if (standing_ == sync::KioskLink::Standing::StoreBehind && !storeBehindReported_) {
        storeBehindReported_ = true;
        emit storeBehind(refusal_);
    }
}

QString ConsoleLink::fingerprintText() const {
    return linked() ? tr("This PC: %1").arg(fingerprint_) : QString();
}

QString ConsoleLink::consoleText() const {
    if (!linked()) {
        return {};
    }
    if (address_.announced && !listenProblem_.isEmpty()) {
        return tr("Console: cannot listen for its announcement (%1)").arg(listenProblem_);
    }
    if (address_.announced && !reached_) {
        return tr("Console: listening for its announcement (UDP port %1)")
            .arg(address_.announcementPort);
    }
    const QString where = reached_ ? reached_->text() : address_.text();
    const QString how = address_.announced ? tr(", announced") : QString();
    return consoleName_.isEmpty() ? tr("Console: %1%2").arg(where, how)
                                  : tr("Console: %1 (%2%3)").arg(consoleName_, where, how);
}

QString ConsoleLink::standing() const {
    if (!linked()) {
        return QStringLiteral("standalone");
    }
    switch (standing_) {
    case sync::KioskLink::Standing::Connecting:
        return QStringLiteral("connecting");
    case sync::KioskLink::Standing::AwaitingEnrolment:
        return QStringLiteral("awaiting-enrolment");
    case sync::KioskLink::Standing::Enrolled:
        return QStringLiteral("enrolled");
    case sync::KioskLink::Standing::Refused:
        return QStringLiteral("refused");
    case sync::KioskLink::Standing::StoreBehind:
        return QStringLiteral("store-behind");
    }
    return {};
}

QString ConsoleLink::standingText() const {
    if (!linked()) {
        return {};
    }
    switch (standing_) {
    case sync::KioskLink::Standing::Connecting:
        return tr("Connecting…");
    case sync::KioskLink::Standing::AwaitingEnrolment:
        return tr("Waiting for the centre coordinator to enrol this PC (%1)").arg(fingerprint_);
    case sync::KioskLink::Standing::Enrolled:
        return tr("Enrolled to %1")
            .arg(!consoleName_.isEmpty() ? consoleName_
                                         : (reached_ ? reached_->text() : address_.text()));
    case sync::KioskLink::Standing::Refused:
        return tr("Refused: %1").arg(refusal_);
    case sync::KioskLink::Standing::StoreBehind:
        return tr("Stopped: %1").arg(refusal_);
    }
    return {};
}

void ConsoleLink::waitForAnswer(int limitMs) {
    QElapsedTimer waited;
    waited.start();
    while (linked() && standing_ == sync::KioskLink::Standing::Connecting &&
           waited.elapsed() < limitMs) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, kWaitStepMs);
        QThread::msleep(10);
    }
}

QString ConsoleLink::statusLine() const {
    if (!linked()) {
        return QStringLiteral("link=standalone");
    }
    auto line = QStringLiteral("console=%1 fingerprint=%2 standing=%3")
                    .arg(address_.text(), fingerprint_, standing());
    if (address_.announced) {
        line += QStringLiteral(" found=%1 ignored-announcements=%2 last-ignored=\"%3\"")
                    .arg(reached_ ? reached_->text() : QStringLiteral("none"))
                    .arg(ignoredAnnouncements())
                    .arg(lastIgnoredAnnouncement());
    }
    return line;
}

std::uint64_t ConsoleLink::ignoredAnnouncements() const {
    return link_ ? link_->ignoredAnnouncements() : 0;
}

QString ConsoleLink::lastIgnoredAnnouncement() const {
    return link_ ? QString::fromStdString(link_->lastIgnoredAnnouncement()) : QString();
}

} // namespace vigil::kiosk
