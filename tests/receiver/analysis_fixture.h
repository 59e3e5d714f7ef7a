#pragma once

// A generated data set as three centres would send it: result records signed by their kiosks
// and sealed to the awarding body (exam::sealResultRecord, as a kiosk issues them), each
// sitting's journal head as the console queues it (console::journalHeadItem over a head the
// kiosk signed), and each session's invigilation record signed by the console
// (console::signRecord). Ten weekdays of morning and afternoon sessions, evening sessions at
// one centre, three assessments; each pattern the analysis looks for can be planted once.
#include "vigil/console/centre_outbox.h"
#include "vigil/console/invigilation_record.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/exam/result_record.h"
#include "vigil/exam/sitting_journal_chain.h"
#include "vigil/receiver/receiver_store.h"
#include "vigil/receiver/upload_service.h"

#include <QDateTime>
#include <QTimeZone>
#include <array>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace vigil::testing {

inline constexpr std::string_view kMot = "MOT-G2-2026A";      // 601/8928/9: 2 h resit wait
inline constexpr std::string_view kEv = "EV-L2-2026";         // 603/1465/5: 2 h resit wait
inline constexpr std::string_view kBrakes = "BRAKES-L3-2026"; // not listed: 48 h resit wait

// The awarding body's catalogue for the three assessments (assessment_catalogue.h).
inline constexpr std::string_view kCatalogueCsv = "assessment,qualification,categories\n"
                                                  "MOT-G2-2026A,601/8928/9,\n"
                                                  "EV-L2-2026,603/1465/5,\n"
                                                  "BRAKES-L3-2026,600/9999/1,\n";

struct GeneratedItem {
    std::string centreId;
    receiver::ItemKind kind = receiver::ItemKind::ResultRecord;
    std::vector<std::uint8_t> bytes;
    std::int64_t receivedAtMs = 0;
    [[nodiscard]] std::string id() const { return receiver::itemIdHex(receiver::itemIdOf(bytes)); }
};

struct GeneratedCentre {
    std::string id;
    std::string zone;
    crypto::SigningKeyPair keys = crypto::generateSigningKeyPair();
    std::vector<crypto::SigningKeyPair> kiosks;
};

// One sitting to generate.
struct PlannedSitting {
    std::string centre;
    std::string session;
    std::string seat;
    std::string candidate;
    std::string_view assessment;
    QDateTime start; // in the centre's zone
    int minutesUsed = 50;
    bool passed = true;
};

struct PlannedSession {
    std::string centre;
    std::string session;
    std::string room;
    QDate date;
    QTime from;
    QTime to;
    std::vector<console::InvigilatorOnRecord> invigilators;
};

struct PlantedItems { // what each planted pattern must be flagged with
    std::string unusualHour, fastCompletion, journalMismatch;
    std::vector<std::string> frequentAttempts, resit, dailyLimit, pinTwoPlaces;
};

class AnalysisDataSet {
public:
    crypto::BoxKeyPair awardingBody = crypto::generateBoxKeyPair();
    std::vector<GeneratedCentre> centres;
    std::vector<GeneratedItem> items;
    PlantedItems planted;
    std::size_t resultCount = 0;

    AnalysisDataSet() {
        for (const auto& [id, zone] :
             std::vector<std::pair<std::string, std::string>>{{"C0451", "Europe/London"},
                                                              {"C0452", "Europe/London"},
                                                              {"C0460", "Europe/Dublin"}}) {
            GeneratedCentre centre;
            centre.id = id;
            centre.zone = zone;
            for (int kiosk = 0; kiosk < 3; ++kiosk) {
                centre.kiosks.push_back(crypto::generateSigningKeyPair());
            }
            centres.push_back(std::move(centre));
        }
        generateCleanWeeks();
    }

    const GeneratedCentre& centre(const std::string& id) const {
        for (const auto& centre : centres) {
            if (centre.id == id) {
                return centre;
            }
        }
        throw std::logic_error("no centre " + id);
    }

    // Plants each pattern once (the ids of what must be flagged go to `planted`).
    void plantEveryPattern() {
        // A sitting at 02:30 at a centre that never works at night.
        planted.unusualHour = sitting({"C0452", "C0452-2026-11-10-N", "PC02", "AB900001", kMot,
                                       at("C0452", 10, 2, 30), 48, true});
        // Four minutes for a paper whose median is about fifty.
        planted.fastCompletion = sitting({"C0451", "C0451-2026-11-05-AM", "PC09", "AB900002", kEv,
                                          at("C0451", 5, 9, 20), 4, true});
        // Four attempts at one assessment in four days (2 h resit wait: no resit flag).
        for (int day = 3; day <= 6; ++day) {
            planted.frequentAttempts.push_back(
                sitting({"C0452", "C0452-2026-11-0" + std::to_string(day) + "-PM", "PC09",
                         "AB900003", kEv, at("C0452", day, 13, 20), 45, day == 6}));
        }
        // Failed a paper with a 48 h wait, sat it again the next morning.
        planted.resit.push_back(sitting({"C0451", "C0451-2026-11-10-AM", "PC09", "AB900004",
                                         kBrakes, at("C0451", 10, 9, 20), 50, false}));
        planted.resit.push_back(sitting({"C0451", "C0451-2026-11-11-AM", "PC09", "AB900004",
                                         kBrakes, at("C0451", 11, 9, 20), 52, true}));
        // Three assessments in one day.
        planted.dailyLimit.push_back(sitting({"C0460", "C0460-2026-11-12-AM", "PC09", "AB900005",
                                              kMot, at("C0460", 12, 9, 20), 50, true}));
        planted.dailyLimit.push_back(sitting({"C0460", "C0460-2026-11-12-PM", "PC09", "AB900005",
                                              kEv, at("C0460", 12, 13, 20), 44, true}));
        planted.dailyLimit.push_back(sitting({"C0460", "C0460-2026-11-12-L", "PC01", "AB900005",
                                              kBrakes, at("C0460", 12, 16, 0), 47, true}));
        // The console's journal holds another head at the event the result names.
        planted.journalMismatch = sitting({"C0451", "C0451-2026-11-12-PM", "PC09", "AB900006", kMot,
                                           at("C0451", 12, 13, 20), 51, true},
                                          /*headAtSubmissionDiffers=*/true);
        // C0451's morning invigilator on record at C0460 at the same time.
        planted.pinTwoPlaces.push_back(session({"C0460",
                                                "C0460-2026-11-09-X",
                                                "Lab",
                                                QDate(2026, 11, 9),
                                                QTime(9, 30),
                                                QTime(10, 30),
                                                {{"Sam Carter", "PIN-C0451-AM"}}}));
        planted.pinTwoPlaces.push_back(sessionIds_.at("C0451-2026-11-09-AM"));
    }

    // The item ids stored for one session's invigilation record.
    std::map<std::string, std::string> sessionIds_;

    QDateTime at(const std::string& centreId, int dayOfNovember, int hour, int minute) const {
        return QDateTime(QDate(2026, 11, dayOfNovember), QTime(hour, minute),
                         QTimeZone(QByteArray::fromStdString(centre(centreId).zone)));
    }

    // Every item stored as an upload stores it, at the time it would have arrived.
    void storeInto(receiver::ReceiverStore& store,
                   const crypto::SigningKeyPair& receiverKeys) const {
        for (const auto& centre : centres) {
            store.registerCentre({centre.id, centre.keys.publicKey});
        }
        std::int64_t now = 0;
        receiver::UploadService service(store, receiverKeys, [&now] { return now; });
        for (const auto& item : items) {
            now = item.receivedAtMs;
            const auto stored = service.accept(item.centreId, item.kind,
                                               receiver::itemIdOf(item.bytes), item.bytes);
            if (!stored) {
                throw std::runtime_error("an item was refused");
            }
        }
    }

    // headAtSubmissionDiffers: the console's head at the result's own event has another hash.
    std::string sitting(const PlannedSitting& plan, bool headAtSubmissionDiffers = false) {
        const auto& centre = this->centre(plan.centre);
        const auto& kiosk =
            centre.kiosks[std::hash<std::string>{}(plan.seat) % centre.kiosks.size()];
        exam::ResultRecord record;
        record.sittingId = plan.session + "-" + plan.seat + "-" + plan.candidate;
        record.sessionId = plan.session;
        record.candidateRegistration = plan.candidate;
        record.centreId = plan.centre;
        record.seat = plan.seat;
        record.assessmentId = std::string(plan.assessment);
        record.assessmentVersion = "2026.1";
        record.startedWallMs = plan.start.toMSecsSinceEpoch();
        record.timeUsedMs = std::int64_t(plan.minutesUsed) * 60'000;
        record.submittedWallMs = record.startedWallMs + record.timeUsedMs + 45'000;
        record.maxScore = 40;
        record.score = plan.passed ? 32 : 20;
        record.percentage = record.score * 100 / record.maxScore;
        record.passed = plan.passed;
        record.journalSequence = 40 + std::int64_t(resultCount % 9);
        record.journalHead = digestOf(record.sittingId + "/submitted");
        record.assignmentDigest = digestOf(record.sittingId + "/assignment");
        record.packageDigest = digestOf(std::string(plan.assessment) + "/package");
        const auto sealed = exam::sealResultRecord(record, kiosk, awardingBody.publicKey);
        const auto arrival = record.submittedWallMs + 10 * 60'000;
        items.push_back({plan.centre, receiver::ItemKind::ResultRecord, sealed, arrival});
        const auto resultId = items.back().id();
        // The console queued the head once the result was issued (event Resulted, one after
        // the result's), and for every third sitting also at the submission itself.
        addHead(centre, kiosk, record.sittingId,
                {record.journalSequence + 1, digestOf(record.sittingId + "/resulted")}, arrival);
        if (headAtSubmissionDiffers) {
            addHead(centre, kiosk, record.sittingId,
                    {record.journalSequence, digestOf(record.sittingId + "/rewritten")}, arrival);
        } else if (resultCount % 3 == 0) {
            addHead(centre, kiosk, record.sittingId, {record.journalSequence, record.journalHead},
                    arrival - 60'000);
        }
        ++resultCount;
        return resultId;
    }

    std::string session(const PlannedSession& plan) {
        console::RecordData data;
        data.session = {plan.centre,
                        "Centre " + plan.centre,
                        plan.session,
                        plan.room,
                        plan.date.toString(Qt::ISODate).toStdString(),
                        plan.from.toString("HH:mm").toStdString(),
                        plan.to.toString("HH:mm").toStdString(),
                        centre(plan.centre).zone};
        data.invigilators = plan.invigilators;
        const auto record = console::signRecord(data, centre(plan.centre).keys);
        if (!record) {
            throw std::runtime_error("the invigilation record was not signed");
        }
        const auto end = QDateTime(plan.date, plan.to,
                                   QTimeZone(QByteArray::fromStdString(centre(plan.centre).zone)));
        items.push_back({plan.centre, receiver::ItemKind::InvigilationRecord, record.value().bytes,
                         end.toMSecsSinceEpoch() + 30 * 60'000});
        sessionIds_[plan.session] = items.back().id();
        return items.back().id();
    }

private:
    static crypto::Digest digestOf(const std::string& text) {
        return crypto::blake2b(
            std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
    }

    void addHead(const GeneratedCentre& centre, const crypto::SigningKeyPair& kiosk,
                 const std::string& sittingId, const exam::JournalHead& head, std::int64_t at) {
        items.push_back({centre.id, receiver::ItemKind::JournalHead,
                         console::journalHeadItem(exam::signJournalHead(sittingId, head, kiosk)),
                         at});
    }

    // Each centre: a morning (09:00-11:00) and an afternoon (13:00-15:00) session every
    // weekday of 2-13 November 2026, two candidates each from the centre's twenty, the three
    // assessments in turn, 35-64 minutes used, one in seven failing; C0460 also runs evening
    // sessions (20:00-21:30) Monday to Thursday of the first week, its own habit.
    void generateCleanWeeks() {
        for (const auto& centre : std::vector<std::string>{"C0451", "C0452", "C0460"}) {
            int k = 0;
            const auto room = centre == "C0451" ? std::string("Workshop 2") : std::string("Room A");
            for (int day = 2; day <= 13; ++day) {
                const QDate date(2026, 11, day);
                if (date.dayOfWeek() > 5) {
                    continue;
                }
                for (const auto& [slot, hour] :
                     std::vector<std::pair<std::string, int>>{{"AM", 9}, {"PM", 13}}) {
                    const auto sessionId =
                        centre + "-" + date.toString(Qt::ISODate).toStdString() + "-" + slot;
                    session({centre,
                             sessionId,
                             room,
                             date,
                             QTime(hour, 0),
                             QTime(hour + 2, 0),
                             {{slot == "AM" ? "Sam Carter" : "Alex Moore",
                               "PIN-" + centre + "-" + slot}}});
                    for (int seat = 0; seat < 2; ++seat, ++k) {
                        const std::array<std::string_view, 3> papers{kMot, kEv, kBrakes};
                        sitting({centre, sessionId, "PC0" + std::to_string(seat + 1),
                                 candidateOf(centre, k % 20), papers[std::size_t(k % 3)],
                                 at(centre, day, hour, 5 + seat * 3), 35 + (k * 7) % 30,
                                 k % 7 != 3});
                    }
                }
                if (centre == "C0460" && day <= 5) {
                    const auto sessionId =
                        centre + "-" + date.toString(Qt::ISODate).toStdString() + "-EVE";
                    session({centre,
                             sessionId,
                             room,
                             date,
                             QTime(20, 0),
                             QTime(21, 30),
                             {{"Jo Evans", "PIN-C0460-EVE"}}});
                    sitting({centre, sessionId, "PC01", "AB46" + std::to_string(1000 + day), kMot,
                             at(centre, day, 20, 5), 50, true});
                }
            }
        }
    }

    static std::string candidateOf(const std::string& centre, int index) {
        return "AB" + centre.substr(3) + (index < 10 ? "0" : "") + std::to_string(index) + "00";
    }
};

} // namespace vigil::testing
