#include "vigil/console/centre.h"

#include "user_rules.h"
#include "user_table.h"
#include "vigil/console/admin_log.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/seat_assignment.h"

#include <QTimeZone>
#include <algorithm>
#include <cstring>

namespace vigil::console {
namespace {

bool isCentreIdCharacter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

std::optional<ConsoleFailure> checkCentre(const CentreSetup& setup) {
    // The same shape a package's recipient table allows, so every package can name this centre.
    if (setup.centreId.empty() || setup.centreId.size() > 64 ||
        !std::all_of(setup.centreId.begin(), setup.centreId.end(), isCentreIdCharacter)) {
        return refusal(ConsoleError::InvalidCentre,
                       "a centre id is 1 to 64 letters, digits, '-', '_' or '.', e.g. C0451");
    }
    if (rules::checkName(setup.centreName)) {
        return refusal(ConsoleError::InvalidCentre, "a centre name is 1 to 200 characters");
    }
    if (!QTimeZone(QByteArray::fromStdString(setup.timeZone)).isValid()) {
        return refusal(ConsoleError::InvalidCentre, "unknown time zone " + setup.timeZone);
    }
    return std::nullopt;
}

template <class Key> Key keyFrom(const std::vector<std::uint8_t>& blob) {
    Key key{};
    if (blob.size() == key.size()) {
        std::memcpy(key.data(), blob.data(), key.size());
    }
    return key;
}

crypto::SecureBuffer secretFrom(std::vector<std::uint8_t> blob) {
    auto secret = crypto::SecureBuffer::copyOf(blob);
    std::fill(blob.begin(), blob.end(), std::uint8_t{0});
    return secret;
}

bool centreExists(store::Database& db) {
    auto select = db.prepare("SELECT 1 FROM console_centre");
    return select.step();
}

ConsoleFailure unreadableKey(const std::filesystem::path& file, crypto::Error error) {
    return refusal(ConsoleError::AwardingBodyKeyUnreadable,
                   file.string() + ": " + std::string(crypto::describe(error)));
}

} // namespace

std::string_view Centre::schemaSql() noexcept {
    return R"sql(
CREATE TABLE console_centre (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    centre_id TEXT NOT NULL,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    awarding_body_signing_public BLOB NOT NULL,
    awarding_body_box_public BLOB NOT NULL,
    signing_public BLOB NOT NULL,
    signing_secret BLOB NOT NULL,
    box_public BLOB NOT NULL,
    box_secret BLOB NOT NULL,
    created_at_ms INTEGER NOT NULL
);
)sql";
}

ConsoleResult<Centre> Centre::create(ConsoleStore& store, const CentreSetup& setup,
                                     const exam::Clock& clock) {
    auto& db = store.db();
    if (centreExists(db)) {
        return refusal(ConsoleError::CentreExists);
    }
    if (auto bad = checkCentre(setup)) {
        return *bad;
    }
    const auto& coordinator = setup.coordinator;
    if (auto bad = rules::checkUserId(coordinator.userId)) {
        return *bad;
    }
    if (auto bad = rules::checkName(coordinator.name)) {
        return *bad;
    }
    if (auto bad = rules::checkCredentials(coordinator.pin, coordinator.password)) {
        return *bad;
    }
    auto abSigning = crypto::loadSigningPublicKey(setup.awardingBodySigningKeyFile);
    if (!abSigning) {
        return unreadableKey(setup.awardingBodySigningKeyFile, abSigning.error());
    }
    auto abBox = crypto::loadBoxPublicKey(setup.awardingBodyBoxKeyFile);
    if (!abBox) {
        return unreadableKey(setup.awardingBodyBoxKeyFile, abBox.error());
    }
    auto credential =
        exam::hashInvigilatorCredential(coordinator.userId, coordinator.pin, coordinator.password);
    if (!credential) {
        return refusal(ConsoleError::StoreUnavailable,
                       std::string(crypto::describe(credential.error())));
    }

    Centre centre;
    centre.id_ = setup.centreId;
    centre.name_ = setup.centreName;
    centre.timeZone_ = setup.timeZone;
    centre.awardingBodySigning_ = abSigning.value();
    centre.awardingBodyBox_ = abBox.value();
    centre.signing_ = crypto::generateSigningKeyPair();
    centre.box_ = crypto::generateBoxKeyPair();
    const auto now = clock.wallNowMs();

    db.transaction([&] {
        db.prepare("INSERT INTO console_centre (singleton, centre_id, name, time_zone, "
                   "awarding_body_signing_public, awarding_body_box_public, signing_public, "
                   "signing_secret, box_public, box_secret, created_at_ms) "
                   "VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            .bind(1, centre.id_)
            .bind(2, centre.name_)
            .bind(3, centre.timeZone_)
            .bindBlob(4, centre.awardingBodySigning_)
            .bindBlob(5, centre.awardingBodyBox_)
            .bindBlob(6, centre.signing_.publicKey)
            .bindBlob(7, centre.signing_.secretKey.span())
            .bindBlob(8, centre.box_.publicKey)
            .bindBlob(9, centre.box_.secretKey.span())
            .bind(10, now)
            .run();
        user_rows::insert(db, {{coordinator.userId,
                                coordinator.name,
                                Role::Coordinator,
                                {},
                                false,
                                false,
                                now,
                                "first-run set-up"},
                               credential.value()});
        AdminLog(db).append({now, coordinator.userId, "centre-created", centre.id_,
                             centre.name_ + "; coordinator " + coordinator.name});
    });
    return centre;
}

ConsoleResult<Centre> Centre::load(ConsoleStore& store) {
    auto select = store.db().prepare(
        "SELECT centre_id, name, time_zone, awarding_body_signing_public, "
        "awarding_body_box_public, signing_public, signing_secret, box_public, box_secret "
        "FROM console_centre");
    if (!select.step()) {
        return refusal(ConsoleError::NoCentre);
    }
    Centre centre;
    centre.id_ = select.text(0);
    centre.name_ = select.text(1);
    centre.timeZone_ = select.text(2);
    centre.awardingBodySigning_ = keyFrom<crypto::SigningPublicKey>(select.blob(3));
    centre.awardingBodyBox_ = keyFrom<crypto::BoxPublicKey>(select.blob(4));
    centre.signing_.publicKey = keyFrom<crypto::SigningPublicKey>(select.blob(5));
    centre.signing_.secretKey = secretFrom(select.blob(6));
    centre.box_.publicKey = keyFrom<crypto::BoxPublicKey>(select.blob(7));
    centre.box_.secretKey = secretFrom(select.blob(8));
    return centre;
}

} // namespace vigil::console
