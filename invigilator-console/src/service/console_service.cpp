#include "vigil/console/console_service.h"

#include "vigil/console/access_arrangements.h"
#include "vigil/console/incident_log.h"
#include "vigil/console/kiosk_incidents.h"
#include "vigil/console/live_session.h"
#include "vigil/console/plan_printout.h"
#include "vigil/console/reference_on_record.h"
#include "vigil/console/seating_store.h"
#include "vigil/console/session_facts.h"
#include "vigil/console/sitting_on_record.h"
#include "vigil/console/user_login.h"
#include "vigil/store/statement.h"
#include "vigil/store/store_error.h"
#include "vigil/sync/journal_replica.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTimeZone>
#include <algorithm>
#include <map>

namespace vigil::console {
namespace {

// A result record a kiosk sent over the link, into the outbox as the kiosk sealed it: the item's
// id as hex (the same bytes again are the same item, and bytes already receipted add nothing).
std::optional<std::string> queueLinkedResult(ConsoleStore& store, const Centre& centre,
                                             const std::string& seat, const std::string& sittingId,
                                             std::span<const std::uint8_t> sealed,
                                             std::int64_t nowMs) {
    try {
        auto outbox = outboxOn(store.db(), centre.id());
        const auto id =
            outbox.add(receiver::ItemKind::ResultRecord, sealed,
                       "result record of sitting " + sittingId + " from " + seat, nowMs);
        return receiver::itemIdHex(id);
    } catch (const store::StoreError&) {
        return std::nullopt; // not kept now: the kiosk sends it again
    }
}

} // namespace

std::vector<store::Migration> ConsoleService::migrations() {
    auto migrations = ConsoleStore::coreMigrations();
    const int next = static_cast<int>(migrations.size()) + 1;
    migrations.push_back({next, SeatingStore::schemaSql()});
    migrations.push_back({next + 1, IncidentLog::schemaSql()});
    // Moving a sitting to a spare PC: the replica's hand-overs (sync/sitting_move.h).
    migrations.push_back({next + 2, sync::JournalReplica::handoverSchemaSql()});
    migrations.push_back({next + 3, KioskIncidentIntake::schemaSql()});
    migrations.push_back({next + 4, outboxSchemaSql()});
    // Candidates' access arrangements, carried into their seat assignments.
    migrations.push_back({next + 5, AccessArrangements::schemaSql()});
    return migrations;
}

ConsoleResult<std::unique_ptr<ConsoleService>> ConsoleService::open(const ConsoleDataDir& dataDir,
                                                                    const exam::Clock& clock,
                                                                    HeartbeatSettings heartbeat) {
    auto key = dataDir.openStoreKey();
    if (!key) {
        return key.error();
    }
    auto store = ConsoleStore::open(dataDir.storeFile(), key.value(), migrations());
    if (!store) {
        return store.error();
    }
    std::unique_ptr<ConsoleService> service(new ConsoleService(
        dataDir, std::move(key).value(), std::move(store).value(), clock, heartbeat));
    auto centre = Centre::load(service->store_);
    if (centre) {
        service->centre_.emplace(std::move(centre).value());
        if (auto hub = service->openLinkHub(); !hub) {
            return hub.error();
        }
    } else if (centre.error().error != ConsoleError::NoCentre) {
        return centre.error();
    }
    return service;
}

ConsoleService::ConsoleService(ConsoleDataDir dataDir, crypto::SecureBuffer storeKey,
                               ConsoleStore store, const exam::Clock& clock,
                               HeartbeatSettings heartbeat)
    : dataDir_(std::move(dataDir))
    , storeKey_(std::move(storeKey))
    , store_(std::move(store))
    , clock_(clock)
    , heartbeat_(sync::heartbeatInRange(heartbeat.interval))
    , missedHeartbeats_(std::max(heartbeat.missed, 2)) {}

ConsoleService::~ConsoleService() {
    stopLink();
}

ConsoleResult<Done> ConsoleService::createCentre(const CentreSetup& setup) {
    if (centre_) {
        return refusal(ConsoleError::CentreExists, centre_->id());
    }
    auto centre = Centre::create(store_, setup, clock_);
    if (!centre) {
        return centre.error();
    }
    centre_.emplace(std::move(centre).value());
    return openLinkHub();
}

ConsoleResult<Done> ConsoleService::openLinkHub() {
    auto linkStore = ConsoleStore::open(dataDir_.storeFile(), storeKey_, migrations());
    if (!linkStore) {
        return linkStore.error();
    }
    linkStore_.emplace(std::move(linkStore).value());
    sync::ConsoleHubOptions options;
    options.centreId = centre_->id();
    options.consoleName = "vigil-console";
    options.nowMs = [this] {
        return clock_.wallNowMs();
    };
    options.heartbeat = heartbeat_;
    options.missedHeartbeats = missedHeartbeats_;
    options.onStatus = [this](const std::string& seat, const sync::KioskStatus& status) {
        std::lock_guard lock(pushesMutex_);
        if (pushes_.status) {
            pushes_.status(seat, status);
        }
    };
    options.onJournalEvents = [this](const std::string& seat, const sync::JournalEvents& batch) {
        std::lock_guard lock(pushesMutex_);
        if (pushes_.journal) {
            pushes_.journal(seat, batch);
        }
    };
    options.onSeatLost = [this](const std::string& seat) {
        std::lock_guard lock(pushesMutex_);
        if (pushes_.lost) {
            pushes_.lost(seat);
        }
    };
    options.onJournalRefused = [this](const std::string& seat, const std::string& sittingId,
                                      const std::string& reason) {
        std::lock_guard lock(pushesMutex_);
        if (pushes_.refused) {
            pushes_.refused(seat, sittingId, reason);
        }
    };
    // A kiosk's result record goes into the outbox as it sealed it, on the hub's thread through
    // the hub's own store connection.
    options.onResultRecord = [this](const std::string& seat, const std::string& sittingId,
                                    std::span<const std::uint8_t> sealed) {
        return queueLinkedResult(*linkStore_, *centre_, seat, sittingId, sealed,
                                 clock_.wallNowMs());
    };
    hub_ = std::make_unique<sync::ConsoleHub>(linkStore_->db(), centre_->signingKeys(),
                                              std::move(options));
    return Done{};
}

ConsoleResult<SignedIn> ConsoleService::signIn(const std::string& userId, std::string_view pin,
                                               std::string_view password) {
    return UserLogin(store_, clock_).login(userId, pin, password);
}

std::size_t ConsoleService::userCount() {
    auto count = store_.db().prepare("SELECT COUNT(*) FROM console_users");
    return count.step() ? static_cast<std::size_t>(count.int64(0)) : 0;
}

ConsoleResult<SessionDesk> ConsoleService::openSession(const SignedIn& by,
                                                       const std::string& sessionId) {
    auto session = sessions().open(by, sessionId);
    if (!session) {
        return session.error();
    }
    auto facts = seatingFacts(session.value(), *centre_);
    return SessionDesk(store_.db(), centre_->signingKeys(), std::move(session).value(),
                       std::move(facts));
}

ConsoleResult<std::unique_ptr<LiveSession>> ConsoleService::openLive(const SignedIn& by,
                                                                     const std::string& sessionId) {
    if (!hub_) {
        return refusal(ConsoleError::NoCentre);
    }
    auto desk = openSession(by, sessionId);
    if (!desk) {
        return desk.error();
    }
    return std::unique_ptr<LiveSession>(new LiveSession(*this, by, std::move(desk).value()));
}

void ConsoleService::setLinkPushes(LinkPushes pushes) {
    std::lock_guard lock(pushesMutex_);
    pushes_ = std::move(pushes);
}

void ConsoleService::clearLinkPushes(const void* owner) {
    std::lock_guard lock(pushesMutex_);
    if (pushes_.owner == owner) {
        pushes_ = {};
    }
}

void ConsoleService::pushAnswer(const std::string& seat, const sync::CommandResult& result) {
    std::lock_guard lock(pushesMutex_);
    if (pushes_.answer) {
        pushes_.answer(seat, result);
    }
}

ConsoleResult<std::uint16_t> ConsoleService::startLink(const LinkSettings& settings) {
    if (!hub_) {
        return refusal(ConsoleError::NoCentre);
    }
    stopLink();
    auto port = hub_->listen(settings.address, settings.port);
    if (!port) {
        return refusal(ConsoleError::LinkUnavailable, sync::describe(port.error()));
    }
    if (settings.announce) {
        sync::ConsoleAnnouncement announcement;
        announcement.centreId = centre_->id();
        announcement.consoleName = settings.consoleName;
        announcement.linkPort = port.value();
        announcement.consoleKey = centre_->signingKeys().publicKey;
        announcer_ = std::make_unique<sync::ConsoleAnnouncer>(
            std::move(announcement), centre_->signingKeys(), settings.announcer);
        if (auto started = announcer_->start(); !started) {
            announcer_.reset();
            hub_->stop();
            return refusal(ConsoleError::LinkUnavailable, sync::describe(started.error()));
        }
    }
    port_ = port.value();
    return port.value();
}

void ConsoleService::stopLink() {
    if (announcer_) {
        announcer_->stop();
        announcer_.reset();
    }
    if (hub_ && port_) {
        hub_->stop();
    }
    port_.reset();
}

ConsoleResult<std::vector<sync::WaitingKiosk>>
ConsoleService::waitingKiosks(const SignedIn& by) const {
    if (!by.isCoordinator()) {
        return refusal(ConsoleError::CoordinatorOnly, "waiting kiosks");
    }
    return hub_ ? hub_->waiting() : std::vector<sync::WaitingKiosk>{};
}

ConsoleResult<sync::EnrolledKiosk> ConsoleService::enrolKiosk(const SignedIn& by,
                                                              const std::string& seat,
                                                              std::string_view typedFingerprint) {
    if (!by.isCoordinator()) {
        return refusal(ConsoleError::CoordinatorOnly, "enrolling kiosk " + seat);
    }
    if (!hub_) {
        return refusal(ConsoleError::NoCentre);
    }
    auto enrolled = hub_->enrol(seat, typedFingerprint, by.userId());
    if (!enrolled) {
        return refusal(ConsoleError::EnrolmentRefused,
                       seat + ": " + std::string(sync::describe(enrolled.error())));
    }
    return std::move(enrolled).value();
}

ConsoleResult<Done> ConsoleService::unenrolKiosk(const SignedIn& by, const std::string& seat,
                                                 const std::string& reason) {
    if (!by.isCoordinator()) {
        return refusal(ConsoleError::CoordinatorOnly, "unenrolling kiosk " + seat);
    }
    if (reason.empty()) {
        return refusal(ConsoleError::ReasonRequired, "unenrolling kiosk " + seat);
    }
    if (!hub_) {
        return refusal(ConsoleError::NoCentre);
    }
    if (auto done = hub_->unenrol(seat, by.userId(), reason); !done) {
        return refusal(ConsoleError::EnrolmentRefused,
                       seat + ": " + std::string(sync::describe(done.error())));
    }
    return Done{};
}

std::vector<sync::EnrolledKiosk> ConsoleService::enrolledKiosks() const {
    return hub_ ? hub_->enrolled() : std::vector<sync::EnrolledKiosk>{};
}

namespace {

// The record's seating plan: seating's layout cell by cell, an assessment by its title when
// it has one.
std::vector<std::vector<SeatCell>> seatCells(const PlanLayout& layout) {
    std::vector<std::vector<SeatCell>> rows;
    for (const auto& row : layout.cells) {
        auto& cells = rows.emplace_back();
        for (const auto& cell : row) {
            cells.push_back(
                {cell.seat, cell.candidateName, cell.registrationNumber,
                 cell.assessmentTitle.empty() ? cell.assessmentId : cell.assessmentTitle});
        }
    }
    return rows;
}

} // namespace

ConsoleResult<ExportedRecord> ConsoleService::exportRecord(const SignedIn& by,
                                                           const std::string& sessionId,
                                                           const QString& folder) {
    auto session = sessions().authoriseExport(by, sessionId);
    if (!session) {
        return session.error();
    }
    const Session& facts = session.value();
    RecordData data;
    data.session =
        recordFacts(facts, *centre_,
                    facts.closedAtMs ? timeOnRecord(*facts.closedAtMs, centre_->timeZone()) : "");
    data.invigilators = invigilatorsOnRecord(facts);

    std::map<std::string, std::string> titles;
    for (const auto& assessment : facts.assessments) {
        titles[assessment.metadata.id] = assessment.metadata.title;
    }
    SeatingService seating(store_.db());
    std::map<std::string, const PlanCell*> seatOf; // by registration number
    auto layout = seating.layout(sessionId, titles);
    if (layout) {
        data.seatingPlan = seatCells(layout.value());
        for (const auto& row : layout.value().cells) {
            for (const auto& cell : row) {
                if (!cell.registrationNumber.empty()) {
                    seatOf[cell.registrationNumber] = &cell;
                }
            }
        }
    }
    std::map<std::string, const exam::AssessmentMetadata*> papers;
    for (const auto& assessment : facts.assessments) {
        papers[assessment.metadata.id] = &assessment.metadata;
    }
    sync::JournalReplica replica(store_.db());
    const auto journals = sessionJournalsByCandidate(replica, sessionId);
    for (const auto& candidate : CandidateRoster(store_.db()).list(sessionId)) {
        CandidateRow row{candidate.name, candidate.registrationNumber, {}, {}, {}, {}, {}};
        if (const auto seat = seatOf.find(candidate.registrationNumber); seat != seatOf.end()) {
            row.pc = seat->second->seat;
            row.assessment = seat->second->assessmentTitle.empty() ? seat->second->assessmentId
                                                                   : seat->second->assessmentTitle;
            const auto paper = papers.find(seat->second->assessmentId);
            const auto journal = journals.find(candidate.registrationNumber);
            const auto* sitting = journal == journals.end() ? nullptr : &journal->second;
            row.referenceMaterial =
                referenceMaterialOnRecord(paper == papers.end() ? nullptr : paper->second, sitting);
            auto onRecord = sittingOnRecord(sitting, centre_->timeZone());
            row.pc = pcOnRecord(row.pc, onRecord.movedTo);
            row.start = std::move(onRecord.start);
            row.end = std::move(onRecord.end);
            row.outcome = std::move(onRecord.outcome);
        } else {
            row.outcome = "No seat";
        }
        data.candidates.push_back(std::move(row));
    }
    data.incidents = IncidentLog(store_.db(), centre_->signingKeys(), sessionId).chain();

    if (!QDir().mkpath(folder)) {
        return refusal(ConsoleError::ExportFailed, folder.toStdString() + ": cannot be created");
    }
    auto exported = console::exportRecord(data, centre_->signingKeys(), folder,
                                          QString::fromStdString(sessionId));
    if (!exported) {
        const auto& failure = exported.error();
        return refusal(ConsoleError::ExportFailed, failure.detail.empty()
                                                       ? std::string(describe(failure.error))
                                                       : failure.detail);
    }
    // The awarding body gets the signed record exactly as written (the PDF and CSV can be made
    // again from it); exported again unchanged, it is the same item.
    QFile signedRecord(exported.value().recordFile);
    if (!signedRecord.open(QIODevice::ReadOnly)) {
        return refusal(ConsoleError::ExportFailed,
                       exported.value().recordFile.toStdString() + ": cannot be read back");
    }
    const auto recordBytes = signedRecord.readAll();
    auto outbox = outboxOn(store_.db(), centre_->id());
    outbox.add(receiver::ItemKind::InvigilationRecord,
               std::span(reinterpret_cast<const std::uint8_t*>(recordBytes.constData()),
                         static_cast<std::size_t>(recordBytes.size())),
               "invigilation record of session " + sessionId, clock_.wallNowMs());
    return std::move(exported).value();
}

ConsoleResult<Done> ConsoleService::setReceiver(const SignedIn& by,
                                                const ReceiverSettings& settings) {
    if (!by.isCoordinator()) {
        return refusal(ConsoleError::CoordinatorOnly, "setting the awarding body's receiver");
    }
    if (!centre_) {
        return refusal(ConsoleError::NoCentre);
    }
    const bool hostUsable =
        !settings.host.empty() && settings.host.size() <= 253 &&
        settings.host.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789-.:") == std::string::npos;
    if (!hostUsable || settings.port == 0 || settings.key == crypto::SigningPublicKey{}) {
        return refusal(ConsoleError::InvalidReceiver, settings.host);
    }
    saveReceiverSettings(store_.db(), settings);
    return Done{};
}

std::optional<ReceiverSettings> ConsoleService::receiver() {
    return loadReceiverSettings(store_.db());
}

OutboxStatus ConsoleService::outboxStatus() {
    if (!centre_) {
        return {};
    }
    auto outbox = outboxOn(store_.db(), centre_->id());
    return console::outboxStatus(outbox, clock_.wallNowMs());
}

ConsoleResult<receiver::ItemId> ConsoleService::queueItem(receiver::ItemKind kind,
                                                          std::span<const std::uint8_t> bytes,
                                                          const std::string& label) {
    if (!centre_) {
        return refusal(ConsoleError::NoCentre);
    }
    auto outbox = outboxOn(store_.db(), centre_->id());
    const auto id = outbox.add(kind, bytes, label, clock_.wallNowMs());
    if (courier_ && kind == receiver::ItemKind::ProblemReport) {
        courier_->wake();
    }
    return id;
}

ConsoleResult<Done> ConsoleService::startProblemReportCourier(CourierOptions options) {
    if (!centre_) {
        return refusal(ConsoleError::NoCentre);
    }
    if (courier_) {
        return Done{};
    }
    auto store = ConsoleStore::open(dataDir_.storeFile(), storeKey_, migrations());
    if (!store) {
        return store.error();
    }
    courierStore_.emplace(std::move(store).value());
    courier_ = std::make_unique<ProblemReportCourier>(courierStore_->db(), centre_->id(),
                                                      centre_->signingKeys(), sendLock_, clock_,
                                                      std::move(options));
    return Done{};
}

ConsoleResult<sync::SendReport>
ConsoleService::sendOutboxNow(const SignedIn& by,
                              const std::function<void(std::size_t, std::size_t)>& progress,
                              sync::SenderOptions options, sync::UploadClientOptions client) {
    (void)by; // anyone signed in may send: holding a SignedIn is the check
    if (!centre_) {
        return refusal(ConsoleError::NoCentre);
    }
    const auto settings = receiver();
    if (!settings) {
        return refusal(ConsoleError::NoReceiver);
    }
    std::lock_guard sending(sendLock_);
    auto outbox = outboxOn(store_.db(), centre_->id());
    (void)queueJournalHeads(store_.db(), outbox, clock_.wallNowMs());
    (void)queueIncidentReports(store_.db(), centre_->signingKeys(), outbox, clock_.wallNowMs());
    if (!options.nowMs) {
        options.nowMs = [this] {
            return clock_.wallNowMs();
        };
    }
    sync::UploadClient uploader({settings->host, settings->port, settings->key}, centre_->id(),
                                centre_->signingKeys(), std::move(client));
    sync::OutboxSender sender(outbox, uploader, std::move(options));
    return sender.sendNow(progress);
}

ConsoleResult<FetchReport>
ConsoleService::fetchPackages(const SignedIn& by,
                              const std::function<void(std::size_t, std::size_t)>& progress,
                              sync::UploadClientOptions client) {
    if (!centre_) {
        return refusal(ConsoleError::NoCentre);
    }
    if (!by.isCoordinator()) {
        return refusal(ConsoleError::CoordinatorOnly, "getting packages from the awarding body");
    }
    const auto settings = receiver();
    if (!settings) {
        return refusal(ConsoleError::NoReceiver);
    }
    sync::UploadClient downloader({settings->host, settings->port, settings->key}, centre_->id(),
                                  centre_->signingKeys(), std::move(client));
    auto library = packages();
    return console::fetchPackages(library, by, downloader, progress);
}

ConsoleResult<receiver::BundleWritten>
ConsoleService::writeOutboxBundle(const SignedIn& by, const std::filesystem::path& drive) {
    if (!by.isCoordinator()) {
        return refusal(ConsoleError::CoordinatorOnly, "writing the outbox to a USB drive");
    }
    if (!centre_) {
        return refusal(ConsoleError::NoCentre);
    }
    auto outbox = outboxOn(store_.db(), centre_->id());
    const auto nowMs = clock_.wallNowMs();
    (void)queueJournalHeads(store_.db(), outbox, nowMs);
    (void)queueIncidentReports(store_.db(), centre_->signingKeys(), outbox, nowMs);
    auto written = console::writeOutboxBundle(outbox, bundleFolderIn(drive, centre_->id(), nowMs),
                                              centre_->id(), centre_->signingKeys(), nowMs);
    if (!written) {
        return refusal(ConsoleError::BundleFailed, describe(written.error()));
    }
    return std::move(written).value();
}

ConsoleResult<ReceiptsImported>
ConsoleService::importOutboxReceipts(const SignedIn& by,
                                     const std::filesystem::path& receiptsFile) {
    if (!by.isCoordinator()) {
        return refusal(ConsoleError::CoordinatorOnly, "importing the awarding body's receipts");
    }
    if (!centre_) {
        return refusal(ConsoleError::NoCentre);
    }
    const auto settings = receiver();
    if (!settings) {
        return refusal(ConsoleError::NoReceiver);
    }
    auto outbox = outboxOn(store_.db(), centre_->id());
    auto imported = importBundleReceipts(outbox, receiptsFile, settings->key, clock_.wallNowMs());
    if (!imported) {
        return refusal(ConsoleError::ReceiptsRefused, describe(imported.error()));
    }
    return imported.value();
}

} // namespace vigil::console

namespace vigil::console {

ConsoleResult<Done> ConsoleService::writeSeatingPlanPdf(const SignedIn& by,
                                                        const std::string& sessionId,
                                                        const QString& path) {
    auto session = sessions().open(by, sessionId);
    if (!session) {
        return session.error();
    }
    std::map<std::string, std::string> titles;
    for (const auto& assessment : session.value().assessments) {
        titles[assessment.metadata.id] = assessment.metadata.title;
    }
    auto layout = SeatingService(store_.db()).layout(sessionId, titles);
    const auto cells = layout ? seatCells(layout.value()) : std::vector<std::vector<SeatCell>>{};
    auto written =
        console::writeSeatingPlanPdf(recordFacts(session.value(), *centre_, {}), cells, path);
    if (!written) {
        return refusal(ConsoleError::ExportFailed, written.error().detail);
    }
    return Done{};
}

} // namespace vigil::console
