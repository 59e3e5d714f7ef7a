#include "vigil/sync/enrolment.h"

#include "vigil/crypto/hash.h"
#include "vigil/sync/fingerprint.h"

#include <algorithm>
#include <cstring>

namespace vigil::sync {
namespace {

crypto::SigningPublicKey keyFromBlob(const std::vector<std::uint8_t>& blob) {
    crypto::SigningPublicKey key{};
    if (blob.size() == key.size()) {
        std::memcpy(key.data(), blob.data(), key.size());
    }
    return key;
}

HelloReply refused(std::string reason) {
    return {HelloReply::Standing::Refused, std::move(reason), {}, {}, 0};
}

} // namespace

std::string_view describe(EnrolmentError error) noexcept {
    switch (error) {
    case EnrolmentError::NotWaiting:
        return "no PC with that seat label is waiting to be enrolled: check it is switched on "
               "and shows the console's address";
    case EnrolmentError::FingerprintMismatch:
        return "that is not the fingerprint of the PC waiting under that seat label: read it "
               "again from the PC's screen; if it still differs, another device may be "
               "pretending to be that PC";
    case EnrolmentError::SeatEnrolled:
        return "that seat is enrolled with another PC's key: unenrol it first";
    case EnrolmentError::NotEnrolled:
        return "no PC is enrolled under that seat label";
    }
    return "unknown enrolment error";
}

std::string_view EnrolmentRegistry::schemaSql() noexcept {
    return R"sql(
CREATE TABLE link_kiosks (
    seat TEXT PRIMARY KEY,
    public_key BLOB NOT NULL UNIQUE,
    enrolled_at_ms INTEGER NOT NULL,
    enrolled_by TEXT NOT NULL
);
CREATE TABLE link_enrolment_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms INTEGER NOT NULL,
    seat TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    action TEXT NOT NULL,
    by TEXT NOT NULL,
    note TEXT NOT NULL
);
)sql";
}

EnrolmentRegistry::EnrolmentRegistry(store::Database& db, std::string centreId)
    : db_(db)
    , centreId_(std::move(centreId)) {}

HelloReply EnrolmentRegistry::admit(const Hello& hello, const crypto::SigningPublicKey& key,
                                    const std::string& address, std::int64_t nowMs) {
    const auto fingerprint = shortFingerprint(key);
    if (hello.centreId != centreId_) {
        const auto reason = "this PC is set up for centre " + hello.centreId +
                            ", this console is centre " + centreId_;
        record(nowMs, hello.seat, key, "refused", "link", reason);
        return refused(reason);
    }
    if (hello.protocol != kProtocolVersion) {
        const auto reason = "this PC speaks link version " + std::to_string(hello.protocol) +
                            "; install the same Vigil version on the PC and the console";
        record(nowMs, hello.seat, key, "refused", "link", reason);
        return refused(reason);
    }
    auto& byKey = db_.cached("SELECT seat FROM link_kiosks WHERE public_key = ?");
    byKey.bindBlob(1, key);
    if (byKey.step()) {
        const auto enrolledSeat = byKey.text(0);
        byKey.reset();
        if (enrolledSeat == hello.seat) {
            waiting_.erase(key);
            return {HelloReply::Standing::Enrolled, {}, {}, {}, 0};
        }
        const auto reason = "this PC is enrolled as " + enrolledSeat + " but says it is " +
                            hello.seat + ": correct its seat.conf or re-enrol it";
        record(nowMs, hello.seat, key, "refused", "link", reason);
        return refused(reason);
    }
    byKey.reset();

    auto& bySeat = db_.cached("SELECT 1 FROM link_kiosks WHERE seat = ?");
    bySeat.bind(1, hello.seat);
    const bool seatTaken = bySeat.step();
    bySeat.reset();

    auto [entry, inserted] = waiting_.try_emplace(key);
    if (inserted) {
        entry->second.firstSeenMs = nowMs;
    }
    entry->second.seat = hello.seat;
    entry->second.key = key;
    entry->second.address = address;
    entry->second.fingerprint = fingerprint;
    if (seatTaken) {
        // Never silently: a replaced disk, a reinstalled PC, or someone else's device.
        const auto reason = hello.seat + " presented a different key (" + fingerprint +
                            "): re-enrol or investigate";
        entry->second.conflict = reason;
        record(nowMs, hello.seat, key, "refused", "link", reason);
        return refused(reason);
    }
    entry->second.conflict.clear();
    return {HelloReply::Standing::AwaitingEnrolment, {}, {}, {}, 0};
}

EnrolmentResult<EnrolledKiosk> EnrolmentRegistry::enrol(const std::string& seat,
                                                        std::string_view typedFingerprint,
                                                        const std::string& coordinatorId,
                                                        std::int64_t nowMs) {
    bool seatWaiting = false;
    const WaitingKiosk* match = nullptr;
    for (const auto& [key, kiosk] : waiting_) {
        if (kiosk.seat != seat) {
            continue;
        }
        seatWaiting = true;
        if (fingerprintMatches(key, typedFingerprint)) {
            match = &kiosk;
        }
    }
    if (!seatWaiting) {
        return EnrolmentError::NotWaiting;
    }
    if (!match) {
        return EnrolmentError::FingerprintMismatch;
    }
    auto& taken = db_.cached("SELECT 1 FROM link_kiosks WHERE seat = ?");
    taken.bind(1, seat);
    const bool seatTaken = taken.step();
    taken.reset();
    if (seatTaken) {
        return EnrolmentError::SeatEnrolled;
    }
    EnrolledKiosk enrolled{seat, match->key, nowMs, coordinatorId};
    db_.transaction([&] {
        db_.cached("INSERT INTO link_kiosks (seat, public_key, enrolled_at_ms, enrolled_by) "
                   "VALUES (?, ?, ?, ?)")
            .bind(1, seat)
            .bindBlob(2, enrolled.key)
            .bind(3, nowMs)
            .bind(4, coordinatorId)
            .run();
        record(nowMs, seat, enrolled.key, "enrolled", coordinatorId, "fingerprint confirmed");
    });
    waiting_.erase(enrolled.key);
    return enrolled;
}

EnrolmentResult<crypto::Done> EnrolmentRegistry::unenrol(const std::string& seat,
                                                         const std::string& coordinatorId,
                                                         const std::string& reason,
                                                         std::int64_t nowMs) {
    auto& find = db_.cached("SELECT public_key FROM link_kiosks WHERE seat = ?");
    find.bind(1, seat);
    if (!find.step()) {
        find.reset();
        return EnrolmentError::NotEnrolled;
    }
    const auto key = keyFromBlob(find.blob(0));
    find.reset();
    db_.transaction([&] {
        db_.cached("DELETE FROM link_kiosks WHERE seat = ?").bind(1, seat).run();
        record(nowMs, seat, key, "unenrolled", coordinatorId, reason);
    });
    return crypto::Done{};
}

std::vector<EnrolledKiosk> EnrolmentRegistry::enrolled() {
    std::vector<EnrolledKiosk> kiosks;
    auto& all = db_.cached(
        "SELECT seat, public_key, enrolled_at_ms, enrolled_by FROM link_kiosks ORDER BY seat");
    while (all.step()) {
        kiosks.push_back({all.text(0), keyFromBlob(all.blob(1)), all.int64(2), all.text(3)});
    }
    all.reset();
    return kiosks;
}

std::vector<WaitingKiosk> EnrolmentRegistry::waiting() const {
    std::vector<WaitingKiosk> kiosks;
    for (const auto& [key, kiosk] : waiting_) {
        kiosks.push_back(kiosk);
    }
    std::sort(kiosks.begin(), kiosks.end(), [](const auto& a, const auto& b) {
        return a.seat != b.seat ? a.seat < b.seat : a.firstSeenMs < b.firstSeenMs;
    });
    return kiosks;
}

std::vector<EnrolmentRecord> EnrolmentRegistry::history() {
    std::vector<EnrolmentRecord> records;
    auto& all = db_.cached("SELECT at_ms, seat, fingerprint, action, by, note "
                           "FROM link_enrolment_log ORDER BY id");
    while (all.step()) {
        records.push_back(
            {all.int64(0), all.text(1), all.text(2), all.text(3), all.text(4), all.text(5)});
    }
    all.reset();
    return records;
}

void EnrolmentRegistry::record(std::int64_t atMs, const std::string& seat,
                               const crypto::SigningPublicKey& key, std::string_view action,
                               const std::string& by, const std::string& note) {
    db_.cached("INSERT INTO link_enrolment_log (at_ms, seat, fingerprint, action, by, note) "
               "VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, atMs)
        .bind(2, seat)
        .bind(3, shortFingerprint(key))
        .bind(4, action)
        .bind(5, by)
        .bind(6, note)
        .run();
}

} // namespace vigil::sync
