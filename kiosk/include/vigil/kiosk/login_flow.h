#pragma once

#include "vigil/exam/clock.h"
#include "vigil/kiosk/invigilator_login.h"

#include <QString>
#include <chrono>
#include <optional>
#include <string>

namespace vigil::kiosk {

// The Login screen's state without a window: why the invigilator is asked for (the purpose),
// the sentence shown after an attempt, the back-off countdown, and who is signed in at the
// seat. InvigilatorLogin decides each attempt; this turns its outcome into what the screen
// says. SessionController moves between screens around it.
class LoginFlow {
public:
    enum class Purpose {
        StartSitting,
        ResumeInterrupted,
        PauseSitting,
        ResumePaused,
        ReviewIncidents,
    };

    explicit LoginFlow(const exam::Clock& clock);

    // The seat's roster and back-off; none (`dropRoster`) while the seat cannot be opened.
    void takeRoster(store::Database& db, InvigilatorLogin::Settings settings);
    void dropRoster();
    [[nodiscard]] bool hasRoster() const noexcept { return login_.has_value(); }

    // The Login screen opens for `purpose`: no sentence left from an earlier attempt.
    void begin(Purpose purpose);
    [[nodiscard]] Purpose purpose() const noexcept { return purpose_; }

    // One attempt: the signed-in invigilator when accepted, else none and message() says why.
    // The PIN and password are copied into self-wiping memory for the check and dropped.
    // Throws store::StoreError when the store cannot record the attempt.
    std::optional<InvigilatorLogin::Invigilator> attempt(const QString& pin,
                                                         const QString& password);

    [[nodiscard]] const QString& message() const noexcept { return message_; }
    void setMessage(QString message) { message_ = std::move(message); }
    // Whole seconds until the seat takes another attempt (0: now), on the monotonic clock: a
    // wall clock set back cannot stretch the countdown shown.
    [[nodiscard]] int secondsToWait() const;
    [[nodiscard]] bool backingOff() const noexcept { return waitUntil_.has_value(); }

    // The invigilator at the seat, from an accepted attempt until the seat is locked again.
    void signIn(const InvigilatorLogin::Invigilator& invigilator);
    void signOut();
    [[nodiscard]] const std::string& invigilatorId() const noexcept { return invigilator_.id; }
    [[nodiscard]] QString invigilatorName() const;

    // The purpose as the kiosk log names it ("start sitting", ...).
    [[nodiscard]] static std::string purposeName(Purpose purpose);

private:
    const exam::Clock& clock_;
    std::optional<InvigilatorLogin> login_;
    Purpose purpose_ = Purpose::StartSitting;
    QString message_;
    std::optional<std::chrono::milliseconds> waitUntil_; // on the clock's monotonicNow()
    InvigilatorLogin::Invigilator invigilator_;
};

} // namespace vigil::kiosk
