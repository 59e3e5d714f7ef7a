#pragma once

#include "vigil/crypto/signing.h"
#include "vigil/exam/checked.h"
#include "vigil/store/database.h"
#include "vigil/sync/messages.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

// Which kiosks the console trusts, and how a new one comes to be trusted: no trust on first use.
// A kiosk that connects with a key the console does not know waits, listed with its seat label,
// address and short fingerprint, until the centre coordinator types the fingerprint the kiosk
// shows on its Locked screen and approves it. Enrolment, unenrolment and every refusal are
// recorded in the console's store.
namespace vigil::sync {

struct EnrolledKiosk {
    std::string seat;
    crypto::SigningPublicKey key{};
    std::int64_t enrolledAtMs = 0;
    std::string enrolledBy; // the coordinator's user id
};

// A kiosk seen on the link but not enrolled (not stored: it is asked again at its next Hello).
struct WaitingKiosk {
    std::string seat;
    crypto::SigningPublicKey key{};
    std::string address;
    std::string fingerprint;
    std::int64_t firstSeenMs = 0;
    std::string conflict; // set when its seat is enrolled with another key
};

struct EnrolmentRecord {
    std::int64_t atMs = 0;
    std::string seat;
    std::string fingerprint;
    std::string action; // "enrolled", "unenrolled", "refused"
    std::string by;     // a user id, or "link" for the console's own refusals
    std::string note;
};

enum class EnrolmentError {
    NotWaiting,          // no kiosk with that seat label is waiting
    FingerprintMismatch, // what the coordinator typed is not the waiting kiosk's fingerprint
    SeatEnrolled,        // the seat is enrolled with another key: unenrol it first
    NotEnrolled,         // unenrol: no such seat
};
[[nodiscard]] std::string_view describe(EnrolmentError error) noexcept;
template <class T> using EnrolmentResult = exam::Checked<T, EnrolmentError>;

class EnrolmentRegistry {
public:
    // SQL for the console's store migrations (tables link_kiosks and link_enrolment_log).
    [[nodiscard]] static std::string_view schemaSql() noexcept;

    EnrolmentRegistry(store::Database& db, std::string centreId);

    // What a kiosk that proved `key` and said `hello` from `address` gets. A kiosk that is not
    // enrolled is listed as waiting; a refusal is also recorded.
    [[nodiscard]] HelloReply admit(const Hello& hello, const crypto::SigningPublicKey& key,
                                   const std::string& address, std::int64_t nowMs);

    // The coordinator confirms a waiting kiosk by the fingerprint it shows.
    [[nodiscard]] EnrolmentResult<EnrolledKiosk> enrol(const std::string& seat,
                                                       std::string_view typedFingerprint,
                                                       const std::string& coordinatorId,
                                                       std::int64_t nowMs);
    [[nodiscard]] EnrolmentResult<crypto::Done> unenrol(const std::string& seat,
                                                        const std::string& coordinatorId,
                                                        const std::string& reason,
                                                        std::int64_t nowMs);

    [[nodiscard]] std::vector<EnrolledKiosk> enrolled();
    [[nodiscard]] std::vector<WaitingKiosk> waiting() const;
    [[nodiscard]] std::vector<EnrolmentRecord> history();

private:
    void record(std::int64_t atMs, const std::string& seat, const crypto::SigningPublicKey& key,
                std::string_view action, const std::string& by, const std::string& note);

    store::Database& db_;
    std::string centreId_;
    std::map<crypto::SigningPublicKey, WaitingKiosk> waiting_; // by key: two PCs may claim one seat
};

} // namespace vigil::sync
