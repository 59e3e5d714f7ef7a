#pragma once

#include "vigil/console/centre.h"
#include "vigil/console/centre_outbox.h"
#include "vigil/console/console_data_dir.h"
#include "vigil/console/console_error.h"
#include "vigil/console/console_store.h"
#include "vigil/console/outbox_bundle.h"
#include "vigil/console/package_fetch.h"
#include "vigil/console/package_library.h"
#include "vigil/console/problem_report_courier.h"
#include "vigil/console/record_export.h"
#include "vigil/console/seat_issuing.h"
#include "vigil/console/session_desk.h"
#include "vigil/console/session_planner.h"
#include "vigil/console/session_registry.h"
#include "vigil/console/signed_in.h"
#include "vigil/console/user_directory.h"
#include "vigil/exam/clock.h"
#include "vigil/sync/console_hub.h"
#include "vigil/sync/discovery.h"
#include "vigil/sync/outbox_sender.h"

#include <QString>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace vigil::console {

class LiveSession;

// What the link pushes, handed on as it arrives: on the hub's network thread, under its lock
// (keep each short: post it to the thread that owns the live room).
struct LinkPushes {
    const void* owner = nullptr; // who set them (clearLinkPushes)
    std::function<void(const std::string& seat, const sync::KioskStatus& status)> status;
    std::function<void(const std::string& seat, const sync::JournalEvents& batch)> journal;
    std::function<void(const std::string& seat)> lost;
    std::function<void(const std::string& seat, const sync::CommandResult& result)> answer;
    std::function<void(const std::string& seat, const std::string& sittingId,
                       const std::string& reason)>
        refused; // a journal batch the replica refused
};

// Where the console listens for kiosks and how it tells them.
// The centre's heartbeat setting: every kiosk repeats its status this often (the console tells
// it as it connects), and a seat silent for `missed` of them is "not connected since". The
// interval is kept within sync::kMinHeartbeatMs..kMaxHeartbeatMs (0.2 s to 5 s).
struct HeartbeatSettings {
    std::chrono::milliseconds interval{1'000};
    int missed = 5;
};

struct LinkSettings {
    std::string address = "0.0.0.0";
    std::uint16_t port = 47'100; // 0: any free port (tests)
    std::string consoleName = "vigil-console";
    bool announce = true; // the signed UDP announcement kiosks find the console by
    sync::AnnouncerOptions announcer;
    HeartbeatSettings heartbeat; // given to ConsoleService::open: the hub is made there
};

// The console app's service layer: everything the screens and the command line call, plain
// C++ without QML. It owns the one store (every area's tables in one migration list), the
// centre once it exists, and the LAN link (ConsoleHub + ConsoleAnnouncer, the centre's Ed25519
// key as the console's key). Every call that acts for a person takes their SignedIn and goes
// through core's role checks first: kiosk enrolment and record export are the coordinator's;
// a session's seating and incidents are reached only through openSession.
class ConsoleService {
public:
    // ConsoleStore's core migrations, then SeatingStore's, IncidentLog's, the replica's
    // hand-overs, the live room's (KioskIncidentIntake) and the outbox's tables.
    [[nodiscard]] static std::vector<store::Migration> migrations();

    // Opens (or on the first run creates) the data folder and its store; loads the centre when
    // the first run has happened. The clock must outlive the service.
    [[nodiscard]] static ConsoleResult<std::unique_ptr<ConsoleService>>
    open(const ConsoleDataDir& dataDir, const exam::Clock& clock, HeartbeatSettings heartbeat = {});
    ~ConsoleService();
    ConsoleService(const ConsoleService&) = delete;
    ConsoleService& operator=(const ConsoleService&) = delete;

    // The first run: the centre and its coordinator. CentreExists on every later run.
    [[nodiscard]] ConsoleResult<Done> createCentre(const CentreSetup& setup);
    [[nodiscard]] bool hasCentre() const noexcept { return centre_.has_value(); }
    // Only when hasCentre().
    [[nodiscard]] const Centre& centre() const { return *centre_; }

    [[nodiscard]] ConsoleResult<SignedIn> signIn(const std::string& userId, std::string_view pin,
                                                 std::string_view password);

    // Core's areas on this store; each call checks who is asking. planner() and packages()
    // only when hasCentre().
    [[nodiscard]] UserDirectory users() { return {store_, clock_}; }
    [[nodiscard]] SessionRegistry sessions() { return {store_, clock_}; }
    [[nodiscard]] SessionPlanner planner() { return {store_, *centre_, clock_}; }
    [[nodiscard]] PackageLibrary packages() { return {store_, *centre_, clock_}; }

    // The session's candidates, seating plan and incident log, once SessionRegistry::open
    // allows this user to see the session (NotYourSession, UnknownSession otherwise).
    [[nodiscard]] ConsoleResult<SessionDesk> openSession(const SignedIn& by,
                                                         const std::string& sessionId);

    // The live room of a session (LiveSession), once SessionRegistry::open allows this user to
    // see it: the session's invigilator or the coordinator. One at a time receives the pushes.
    [[nodiscard]] ConsoleResult<std::unique_ptr<LiveSession>>
    openLive(const SignedIn& by, const std::string& sessionId);
    // Who receives the link's pushes (empty members: nobody); replaces the one before.
    void setLinkPushes(LinkPushes pushes);
    // Nobody receives them any more, if `owner` was still the one receiving them.
    void clearLinkPushes(const void* owner);
    // A kiosk's answer to a command, handed to LinkPushes::answer (the hub's thread).
    void pushAnswer(const std::string& seat, const sync::CommandResult& result);
    // How long a seat may be silent before it is "not connected since": the hub's heartbeat
    // times the heartbeats it may miss.
    [[nodiscard]] std::chrono::milliseconds heartbeat() const noexcept { return heartbeat_; }
    [[nodiscard]] int missedHeartbeats() const noexcept { return missedHeartbeats_; }

    // The LAN link: listens on settings.address and .port and announces the console. Only
    // when hasCentre(). LinkUnavailable with the socket's reason when it cannot.
    [[nodiscard]] ConsoleResult<std::uint16_t> startLink(const LinkSettings& settings);
    void stopLink();
    [[nodiscard]] std::optional<std::uint16_t> listeningPort() const noexcept { return port_; }
    // The link's hub (who is waiting, the room, notices); null before the centre exists.
    [[nodiscard]] sync::ConsoleHub* hub() noexcept { return hub_.get(); }

    // Kiosks: the coordinator's (CoordinatorOnly for an invigilator).
    [[nodiscard]] ConsoleResult<std::vector<sync::WaitingKiosk>>
    waitingKiosks(const SignedIn& by) const;
    [[nodiscard]] ConsoleResult<sync::EnrolledKiosk>
    enrolKiosk(const SignedIn& by, const std::string& seat, std::string_view typedFingerprint);
    [[nodiscard]] ConsoleResult<Done> unenrolKiosk(const SignedIn& by, const std::string& seat,
                                                   const std::string& reason);
    // The enrolled PCs' seat labels and keys: anyone signed in (a seating plan starts from
    // them), and the self-test.
    [[nodiscard]] std::vector<sync::EnrolledKiosk> enrolledKiosks() const;

    // The session's invigilation record, signed with the centre's key, its PDF and CSV files
    // in `folder` (made when missing) named after the session: SessionRegistry::authoriseExport
    // first (the coordinator only, recorded), then record's exportRecord; the signed record is
    // queued in the outbox for the awarding body. Needs a QGuiApplication (PDF).
    [[nodiscard]] ConsoleResult<ExportedRecord>
    exportRecord(const SignedIn& by, const std::string& sessionId, const QString& folder);

    // The signed seat assignment of one seat of the session's plan (seat_issuing.h), for the PC
    // enrolled there: what the live room's Deliver sends. The session's invigilators and the
    // coordinator (openSession's check); not a closed session; NoKioskAtSeat when no PC is
    // enrolled at the seat, InvalidSession when nobody is seated there. With `atPc`, the same
    // candidate's assignment for the PC enrolled at that other seat (a spare the sitting moves
    // to).
    [[nodiscard]] ConsoleResult<IssuedAssignment> issueAssignment(const SignedIn& by,
                                                                  const std::string& sessionId,
                                                                  const std::string& seat,
                                                                  const std::string& atPc = {});

    // The centre's outbox (centre_outbox.h): what must reach the awarding body, kept until the
    // receiver's signed receipt for it is verified and stored. The receiver is the
    // coordinator's to set (CoordinatorOnly; InvalidReceiver for an empty host, port 0 or an
    // all-zero key); anyone signed in sees the outbox and sends it. Only when hasCentre().
    [[nodiscard]] ConsoleResult<Done> setReceiver(const SignedIn& by,
                                                  const ReceiverSettings& settings);
    [[nodiscard]] std::optional<ReceiverSettings> receiver();
    [[nodiscard]] OutboxStatus outboxStatus();
    // A kiosk's result record as it sealed it (signed by the kiosk, sealed to the awarding
    // body). The item's id (the same bytes twice are one item). Records a kiosk sends over the
    // LAN link (SittingResult) are queued the same way by the hub, and acknowledged.
    [[nodiscard]] ConsoleResult<receiver::ItemId> queueItem(receiver::ItemKind kind,
                                                            std::span<const std::uint8_t> bytes,
                                                            const std::string& label);
    // "Send now": queues the head of every sitting the journal replica holds and every question
    // problem and suspected malpractice in the incident logs, then sends every waiting item to the
    // receiver (sync::OutboxSender: retries with back-off, clears an item only with its verified
    // receipt). The per-item outcomes; NoReceiver before one is set. progress(done, total) after
    // each item. Blocks until the run ends.
    [[nodiscard]] ConsoleResult<sync::SendReport>
    sendOutboxNow(const SignedIn& by,
                  const std::function<void(std::size_t, std::size_t)>& progress = {},
                  sync::SenderOptions options = {}, sync::UploadClientOptions client = {});

    // Question-problem reports sent at once (problem_report_courier.h): a thread of its own, on
    // a connection of its own, sends each as soon as it is recorded or queued, while a receiver
    // is set up; a failed send leaves it waiting like any item. The app starts it with the link
    // (the command-line commands do not). One send at a time: "send now" waits for the
    // courier's and the other way round. Only when hasCentre().
    [[nodiscard]] ConsoleResult<Done> startProblemReportCourier(CourierOptions options = {});
    [[nodiscard]] ProblemReportCourier* problemReportCourier() noexcept { return courier_.get(); }

    // The outbox on a removable drive (outbox_bundle.h, docs/usb-bundle.md), the coordinator's
    // (CoordinatorOnly). Queues what "send now" would, then writes every waiting item as one
    // signed bundle in a folder of its own inside `drive` (bundleFolderIn), read back and
    // verified; BundleFailed says what went wrong. Nothing leaves the outbox until the receipts
    // file comes back: importOutboxReceipts clears exactly what it receipts (verified under the
    // configured receiver's key: NoReceiver before one is set), all or nothing (ReceiptsRefused
    // for a forged or altered file, or a receipt for an item this outbox never held).
    [[nodiscard]] ConsoleResult<receiver::BundleWritten>
    writeOutboxBundle(const SignedIn& by, const std::filesystem::path& drive);
    [[nodiscard]] ConsoleResult<ReceiptsImported>
    importOutboxReceipts(const SignedIn& by, const std::filesystem::path& receiptsFile);

    // "Get packages from the awarding body" (package_fetch.h), the coordinator's
    // (CoordinatorOnly): the packages published for this centre on the configured receiver,
    // downloaded over the outbox's pinned client, each verified and imported as a package file
    // is; one already held is not downloaded again. NoReceiver before one is set. Blocks until
    // the run ends; progress(done, total) after each package.
    [[nodiscard]] ConsoleResult<FetchReport>
    fetchPackages(const SignedIn& by,
                  const std::function<void(std::size_t, std::size_t)>& progress = {},
                  sync::UploadClientOptions client = {});

    // How many people can sign in (the coordinator included): for the self-test, which has
    // nobody signed in; names stay behind UserDirectory's role checks.
    [[nodiscard]] std::size_t userCount();

    [[nodiscard]] ConsoleStore& store() noexcept { return store_; }
    // The console's clock: "not connected since" and every record's time.
    [[nodiscard]] std::int64_t clockNowMs() const { return clock_.wallNowMs(); }

    // The session's seating plan as a one-page PDF at `path` (plan_printout.h): anyone who may
    // open the session (SessionRegistry::open). ExportFailed when it cannot be written. Needs a
    // QGuiApplication.
    [[nodiscard]] ConsoleResult<Done>
    writeSeatingPlanPdf(const SignedIn& by, const std::string& sessionId, const QString& path);

private:
    ConsoleService(ConsoleDataDir dataDir, crypto::SecureBuffer storeKey, ConsoleStore store,
                   const exam::Clock& clock, HeartbeatSettings heartbeat);
    [[nodiscard]] ConsoleResult<Done> openLinkHub();

    ConsoleDataDir dataDir_;
    crypto::SecureBuffer storeKey_;
    ConsoleStore store_;
    const exam::Clock& clock_;
    std::optional<Centre> centre_;
    // The hub works on its network thread: it gets its own connection to the same store.
    std::optional<ConsoleStore> linkStore_;
    std::unique_ptr<sync::ConsoleHub> hub_;
    std::unique_ptr<sync::ConsoleAnnouncer> announcer_;
    std::optional<std::uint16_t> port_;
    std::chrono::milliseconds heartbeat_;
    int missedHeartbeats_;
    std::mutex pushesMutex_;
    LinkPushes pushes_;
    std::mutex sendLock_; // one send to the receiver at a time
    std::optional<ConsoleStore> courierStore_;
    std::unique_ptr<ProblemReportCourier> courier_; // last: it stops before anything it uses
};

} // namespace vigil::console
