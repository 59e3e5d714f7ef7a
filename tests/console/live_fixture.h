#pragma once

// The live room's tests: a console (ConsoleService on a real data folder, its hub listening on
// loopback) with a session of three seats, and kiosks that are real link endpoints: each has its
// own key, its own encrypted store holding a real sitting journal and the command ledger, and
// runs sync::KioskLink to the console. A kiosk applies the console's commands to its sitting on
// the test's thread (as the kiosk app does on its GUI thread) and pushes its status as the
// kiosk app does.
#include "core_fixture.h"
#include "vigil/console/console_service.h"
#include "vigil/console/live_session.h"
#include "vigil/exam/sitting.h"
#include "vigil/sync/command_ledger.h"
#include "vigil/sync/fingerprint.h"
#include "vigil/sync/kiosk_link.h"
#include "vigil/sync/result_acks.h"
#include "vigil/sync/sitting_move.h"
#include "vigil/testing/eventually.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTest>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>

namespace vigil::console::testing {

using vigil::testing::eventually;

inline const crypto::SecureBuffer& kioskStoreKey() {
    static const auto key = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    return key;
}

class TestKiosk : public QObject {
public:
    TestKiosk(std::filesystem::path folder, std::string seat,
              const crypto::SigningPublicKey& consoleKey, std::uint16_t port)
        : folder_(std::move(folder))
        , seat_(std::move(seat))
        , keys_(crypto::generateSigningKeyPair())
        , consoleKey_(consoleKey)
        , port_(port) {
        std::filesystem::create_directories(folder_);
        const store::Migration migrations[] = {{1, exam::sittingSchemaSql()},
                                               {2, exam::sittingHeadSchemaSql()},
                                               {3, sync::CommandLedger::schemaSql()},
                                               {4, sync::ResultAcks::schemaSql()}};
        db_.emplace(store::Database::open(folder_ / "kiosk.db", kioskStoreKey(), migrations));
    }
    ~TestKiosk() override { stop(); }

    [[nodiscard]] const std::string& seat() const { return seat_; }
    [[nodiscard]] std::string fingerprint() const {
        return sync::shortFingerprint(keys_.publicKey);
    }
    [[nodiscard]] exam::Sitting* sitting() { return sitting_ ? &*sitting_ : nullptr; }
    [[nodiscard]] int applied() const { return applied_; }
    [[nodiscard]] exam::ManualClock& clock() { return clock_; }

    void start() {
        sync::KioskLinkOptions options;
        options.port = port_;
        options.centreId = kCentreId;
        options.seat = seat_;
        options.heartbeat = std::chrono::milliseconds(200);
        options.firstRetry = std::chrono::milliseconds(50);
        options.retryCap = std::chrono::milliseconds(200);
        // The command age check (sync's kMaxCommandAge) compares with this kiosk's clock: the
        // test's manual time, as the console's commands carry it, read once (no race with the
        // test thread advancing the clock).
        options.nowMs = [startedAt = clock_.wallNowMs()] {
            return startedAt;
        };
        link_ = std::make_unique<sync::KioskLink>(folder_ / "kiosk.db", kioskStoreKey(), keys_,
                                                  consoleKey_, options);
        link_->setCommandHandler([this](const sync::ConsoleCommand& command) {
            sync::CommandResult result;
            QMetaObject::invokeMethod(
                this, [&] { result = apply(command); }, Qt::BlockingQueuedConnection);
            return result;
        });
        push();
        link_->start();
    }
    void stop() {
        if (link_) {
            link_->stop();
            link_.reset();
        }
    }
    [[nodiscard]] bool enrolled() const {
        return link_ && link_->standing() == sync::KioskLink::Standing::Enrolled;
    }

    // The invigilator logs the candidate in at the seat and the sitting starts.
    void sit(const std::string& sessionId, const std::string& registration,
             const exam::Assessment& assessment) {
        exam::SittingSetup setup;
        setup.sittingId = exam::newSittingId();
        setup.sessionId = sessionId;
        setup.candidateRegistration = registration;
        setup.centreId = kCentreId;
        setup.seat = seat_;
        setup.seed = 7;
        setup.assignmentDigest.fill(0xa5); // stand-ins for the files' BLAKE2b
        setup.packageDigest.fill(0x5a);
        assessment_ = assessment; // the sitting keeps a reference to it
        sitting_.emplace(exam::Sitting::create(*db_, assessment_, setup, clock_, keys_));
        sitting_->verifyInvigilator("INV-0042");
        sitting_->confirmCandidate("INV-0042");
        sitting_->start();
        changed();
    }
    void answer(const std::string& itemId, const std::string& choice) {
        clock_.advance(std::chrono::seconds(30));
        sitting_->answer(itemId, {choice});
        changed();
    }
    void goTo(int position) {
        sitting_->goTo(position);
        changed();
    }
    // The candidate submits; the kiosk issues the result record sealed to `awardingBody` (stored
    // with the sitting, as the kiosk app does). The sealed bytes.
    std::vector<std::uint8_t> submit(const crypto::BoxPublicKey& awardingBody) {
        sitting_->submit(sitting_->unansweredCount());
        auto sealed = sitting_->issueResult(awardingBody).sealed;
        changed();
        return sealed;
    }
    [[nodiscard]] bool resultAcknowledged() const {
        return link_ && sitting_ && link_->resultAcknowledged(sitting_->id());
    }
    // A spare PC: the assessment a sitting moved here is sat on (the kiosk app reads it from the
    // package the move's assignment names).
    void standBy(const exam::Assessment& assessment) { assessment_ = assessment; }
    // The invigilator logs in at the seat and the interrupted or moved-here sitting goes on.
    void resumeAtSeat(const std::string& invigilatorId) {
        sitting_->authoriseResume(invigilatorId);
        changed();
    }
    // The candidate submits; no result record is issued (the live room's outcomes only).
    void submit() {
        sitting_->submit(sitting_->unansweredCount());
        changed();
    }
    void noteIncident(const std::string& text) {
        sitting_->noteIncident(text, "kiosk");
        changed();
    }
    // Someone with the disk alters the sitting's last event in the store: its link to the
    // event before (the previous event's hash, all zeros now), as an event forged onto another
    // history would have. For a link that is stopped, so that the event has not been sent yet.
    void tamperWithLastEvent() {
        auto change = db_->prepare(
            "UPDATE sitting_events SET event = replace(event, substr(event, instr(event, "
            "'\"prev\":\"') + 8, 64), '" +
            std::string(64, '0') +
            "') WHERE sitting_id = ? AND sequence = "
            "(SELECT MAX(sequence) FROM sitting_events WHERE sitting_id = ?)");
        change.bind(1, sitting_->id());
        change.bind(2, sitting_->id());
        change.step();
    }
    // A status as the kiosk app would push it in a state this fixture does not model (a store
    // found behind the console's replica, say).
    void pushStatus(const sync::KioskStatus& status) {
        if (link_) {
            link_->setStatus(status);
        }
    }
    // What the kiosk app pushes: its screen, question n of N, the time left.
    void push() {
        if (!link_) {
            return;
        }
        sync::KioskStatus status{"Locked", {}, 0, 0, 0, {}};
        if (sitting_) {
            status.sittingId = sitting_->id();
            status.questionCount = static_cast<int>(sitting_->presentationOrder().size());
            status.secondsLeft =
                std::chrono::duration_cast<std::chrono::seconds>(sitting_->timeLeft()).count();
            switch (sitting_->state()) {
            case exam::SittingState::InProgress:
                status.screen = "Question";
                status.position = sitting_->position() + 1;
                break;
            case exam::SittingState::Paused:
                status.screen = "Paused";
                status.position = sitting_->position() + 1;
                break;
            case exam::SittingState::Voided:
                status = {"Locked", {}, 0, 0, 0, {}};
                break;
            default:
                status.screen = "Result";
                break;
            }
        }
        link_->setStatus(status);
    }

private:
    void changed() {
        push();
        if (link_) {
            link_->journalChanged();
        }
    }

    sync::CommandResult apply(const sync::ConsoleCommand& command) {
        const auto body = QJsonDocument::fromJson(QByteArray::fromStdString(command.body)).object();
        const auto reason = body.value("reason").toString().toStdString();
        const auto& actor = command.commandId;
        sync::CommandResult result{command.commandId, true, {}, false};
        const auto refuse = [&](std::string why) {
            result.applied = false;
            result.reason = std::move(why);
            return result;
        };
        using Kind = sync::CommandKind;
        if (command.kind == Kind::Launch) {
            ++applied_;
            return result;
        }
        if (command.kind == Kind::MoveSittingHere) {
            return takeMovedSitting(command, result);
        }
        if (!sitting_) {
            return refuse("no sitting at " + seat_);
        }
        try {
            switch (command.kind) {
            case Kind::Pause:
                sitting_->pause(reason, actor);
                break;
            case Kind::Resume:
                sitting_->resume(actor);
                break;
            case Kind::GrantExtraTime:
                sitting_->grantExtraTime(std::chrono::minutes(body.value("minutes").toInt()),
                                         reason, actor);
                break;
            case Kind::Void:
                sitting_->voidSitting(reason, actor);
                break;
            case Kind::AuthoriseResume:
                if (sitting_->state() != exam::SittingState::Interrupted) {
                    return refuse("no sitting waits to be resumed at " + seat_);
                }
                sitting_->authoriseResume(actor);
                break;
            case Kind::SittingMoved: {
                auto order = sync::readSittingMovedBody(command.body);
                if (!order) {
                    return refuse(order.error());
                }
                if (sitting_->state() != exam::SittingState::Moved) {
                    sitting_->moveAway(order.value().toSeat, actor);
                }
                break;
            }
            default:
                return refuse("not a command for a sitting");
            }
        } catch (const std::exception& error) {
            return refuse(error.what());
        }
        ++applied_;
        changed();
        return result;
    }

    // What the kiosk's SeatCommands::moveSittingHere does with the journal (the seat's
    // assignment and the sealed content key are the kiosk app's, not this endpoint's): stores it
    // with SittingMovedHere, and the sitting waits, Interrupted, for an invigilator's login.
    sync::CommandResult takeMovedSitting(const sync::ConsoleCommand& command,
                                         sync::CommandResult result) {
        auto order = sync::readMoveHereBody(command.body);
        if (!order || sitting_) {
            result.applied = false;
            result.reason = order ? "a sitting is under way at " + seat_ : order.error();
            return result;
        }
        try {
            const auto sittingId = exam::importMovedJournal(
                *db_, order.value().journal, order.value().fromKioskKey, keys_,
                {seat_, "console command " + command.commandId, clock_.wallNowMs()});
            sitting_.emplace(exam::Sitting::load(*db_, assessment_, sittingId, clock_, keys_));
        } catch (const std::exception& error) {
            result.applied = false;
            result.reason = error.what();
            return result;
        }
        ++applied_;
        changed();
        return result;
    }

    std::filesystem::path folder_;
    std::string seat_;
    crypto::SigningKeyPair keys_;
    crypto::SigningPublicKey consoleKey_;
    std::uint16_t port_;
    exam::ManualClock clock_;
    std::optional<store::Database> db_;
    exam::Assessment assessment_;
    std::optional<exam::Sitting> sitting_;
    std::unique_ptr<sync::KioskLink> link_;
    int applied_ = 0;
};

// A console with a centre, the coordinator, two invigilators, one imported package and a
// session of Sam Carter's (INV-0042) in Workshop 2 seating three candidates at PC01-PC03.
class LiveConsole {
public:
    static constexpr const char* kAssessment = "LV3-BRAKES-2026A";

    // `date`: the session's (a real kiosk checks its assignment against its own clock: today).
    explicit LiveConsole(const std::filesystem::path& folder, exam::ManualClock& clock,
                         const std::string& date = "2026-11-23")
        : folder_(folder) {
        std::filesystem::create_directories(folder_);
        awardingBody_.emplace(crypto::generateSigningKeyPair());
        const auto box = crypto::generateBoxKeyPair();
        if (!crypto::saveSigningPublicKey(folder_ / "ab-signing.pub", awardingBody_->publicKey) ||
            !crypto::saveBoxPublicKey(folder_ / "ab-box.pub", box.publicKey)) {
            throw std::runtime_error("cannot write the awarding body's keys");
        }
        service_ = valueOf(ConsoleService::open(ConsoleDataDir(folder_ / "console"), clock));
        valueOf(service_->createCentre(
            northfieldCentre(folder_ / "ab-signing.pub", folder_ / "ab-box.pub")));
        LinkSettings link;
        link.address = "127.0.0.1";
        link.port = 0;
        link.announce = false;
        port_ = valueOf(service_->startLink(link));
        coordinator_.emplace(
            valueOf(service_->signIn(kCoordinatorId, kCoordinatorPin, kCoordinatorPassword)));
        for (const auto& [id, name] :
             {std::pair{"INV-0042", "Sam Carter"}, std::pair{"INV-0043", "Priya Shah"}}) {
            valueOf(service_->users().addInvigilator(
                *coordinator_, {id, name, "1357", std::string(id) + "-password", {}, false}));
        }
        auto built = exam::buildPackage(smallAssessment(kAssessment, false), *awardingBody_,
                                        {{kCentreId, service_->centre().boxKeys().publicKey}});
        if (!built || !exam::writePackageFile(folder_ / "brakes.vigil", built.value())) {
            throw std::runtime_error("cannot build the package");
        }
        const auto digest =
            valueOf(service_->packages().import(*coordinator_, folder_ / "brakes.vigil")).digest;
        sessionId_ =
            valueOf(service_->planner().create(
                        *coordinator_, {"Workshop 2", date, "09:30", {{"INV-0042", {}}}, {digest}}))
                .id;
        auto desk = valueOf(service_->openSession(*coordinator_, sessionId_));
        for (const auto& [name, registration] :
             {std::pair{"Jordan Ellis", "AB123456"}, std::pair{"Sam Patel", "REG-40213"},
              std::pair{"Jo Jones", "REG-40214"}}) {
            if (!desk.candidates().add(sessionId_, {name, registration, {}})) {
                throw std::runtime_error(std::string("cannot add ") + name);
            }
        }
        if (!desk.seating().createPlan(sessionId_, 2, 3, {"PC01", "PC02", "PC03"})) {
            throw std::runtime_error("cannot make the plan");
        }
        for (const auto& [seat, registration] :
             {std::pair{"PC01", "AB123456"}, std::pair{"PC02", "REG-40213"},
              std::pair{"PC03", "REG-40214"}}) {
            if (!desk.assign(seat, registration, kAssessment)) {
                throw std::runtime_error(std::string("cannot seat ") + registration);
            }
        }
    }

    [[nodiscard]] ConsoleService& service() { return *service_; }
    // The awarding body's signing key the centre was made with (packages signed with it).
    [[nodiscard]] const crypto::SigningKeyPair& awardingBody() const { return *awardingBody_; }
    [[nodiscard]] const SignedIn& coordinator() const { return *coordinator_; }
    [[nodiscard]] const std::string& sessionId() const { return sessionId_; }
    [[nodiscard]] std::uint16_t port() const { return port_; }
    [[nodiscard]] SignedIn signIn(const std::string& id) {
        return valueOf(service_->signIn(id, "1357", id + "-password"));
    }

    // A kiosk for `seat`, connected and enrolled by the coordinator's typed fingerprint.
    std::unique_ptr<TestKiosk> enrolledKiosk(const std::string& seat) {
        auto kiosk = std::make_unique<TestKiosk>(folder_ / seat, seat,
                                                 service_->centre().signingKeys().publicKey, port_);
        kiosk->start();
        if (!eventually([&] {
                const auto waiting = service_->waitingKiosks(*coordinator_);
                return waiting && !waiting.value().empty();
            })) {
            throw std::runtime_error(seat + " never asked to be enrolled");
        }
        valueOf(service_->enrolKiosk(*coordinator_, seat, kiosk->fingerprint()));
        if (!eventually([&] { return kiosk->enrolled(); })) {
            throw std::runtime_error(seat + " was not enrolled");
        }
        return kiosk;
    }

private:
    std::filesystem::path folder_;
    std::optional<crypto::SigningKeyPair> awardingBody_;
    std::unique_ptr<ConsoleService> service_;
    std::optional<SignedIn> coordinator_;
    std::string sessionId_;
    std::uint16_t port_ = 0;
};

// The live room's view of one seat; a test that names a seat the room does not have fails.
inline const LiveSeat& seatOf(const LiveSession& live, const std::string& seat) {
    const auto* found = live.room().seat(seat);
    if (!found) {
        throw std::runtime_error("no seat " + seat);
    }
    return *found;
}

} // namespace vigil::console::testing
