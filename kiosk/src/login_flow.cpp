#include "vigil/kiosk/login_flow.h"

#include "vigil/crypto/secure_buffer.h"

#include <QCoreApplication>

namespace vigil::kiosk {

namespace {

QString tr(const char* text) {
    // The session's translation context: these sentences were the controller's.
    return QCoreApplication::translate("vigil::kiosk::SessionController", text);
}

} // namespace

LoginFlow::LoginFlow(const exam::Clock& clock)
    : clock_(clock) {}

void LoginFlow::takeRoster(store::Database& db, InvigilatorLogin::Settings settings) {
    login_.emplace(db, clock_, std::move(settings));
}

void LoginFlow::dropRoster() {
    login_.reset();
}

void LoginFlow::begin(Purpose purpose) {
    purpose_ = purpose;
    message_.clear();
}

std::optional<InvigilatorLogin::Invigilator> LoginFlow::attempt(const QString& pin,
                                                                const QString& password) {
    if (!login_) {
        return std::nullopt;
    }
    using Outcome = InvigilatorLogin::Outcome;
    // Copies live in self-wiping buffers for the time of the check.
    const auto pinBytes = crypto::SecureBuffer::copyOf(std::string_view(pin.toUtf8()));
    const auto passwordBytes = crypto::SecureBuffer::copyOf(std::string_view(password.toUtf8()));
    const auto result =
        login_->attempt(pinBytes.view(), passwordBytes.view(), purposeName(purpose_));
    waitUntil_.reset();
    if (result.retryAfter.count() > 0) {
        waitUntil_ = clock_.monotonicNow() + result.retryAfter;
    }
    switch (result.outcome) {
    case Outcome::SeatWaiting:
        message_ = tr("Too many wrong attempts. Try again in %1 seconds.").arg(secondsToWait());
        break;
    case Outcome::WrongCredentials:
        message_ = !waitUntil_ ? tr("The PIN or password is not right.")
                               : tr("The PIN or password is not right. Try again in %1 seconds.")
                                     .arg(secondsToWait());
        break;
    case Outcome::AccountLocked:
        message_ = tr("This invigilator account is locked. The centre coordinator can unlock it "
                      "(a signed unlock file in the kiosk's unlock folder).");
        break;
    case Outcome::Accepted:
        message_.clear();
        return InvigilatorLogin::Invigilator{result.invigilatorId, result.name};
    }
    return std::nullopt;
}

int LoginFlow::secondsToWait() const {
    if (!waitUntil_) {
        return 0;
    }
    const auto left = (*waitUntil_ - clock_.monotonicNow()).count();
    return left > 0 ? int((left + 999) / 1000) : 0;
}

void LoginFlow::signIn(const InvigilatorLogin::Invigilator& invigilator) {
    invigilator_ = invigilator;
}

void LoginFlow::signOut() {
    invigilator_ = {};
}

QString LoginFlow::invigilatorName() const {
    return QString::fromStdString(invigilator_.name);
}

std::string LoginFlow::purposeName(Purpose purpose) {
    switch (purpose) {
    case Purpose::StartSitting:
        return "start sitting";
    case Purpose::ResumeInterrupted:
        return "resume interrupted sitting";
    case Purpose::PauseSitting:
        return "pause sitting";
    case Purpose::ResumePaused:
        return "resume paused sitting";
    case Purpose::ReviewIncidents:
        return "review incidents";
    }
    return "login";
}

} // namespace vigil::kiosk
