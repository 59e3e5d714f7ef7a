#include "vigil/receiver/analysis/held_records.h"

#include "vigil/exam/sitting_journal_chain.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <map>

namespace vigil::receiver::analysis {
namespace {

template <std::size_t N>
bool hexField(const QJsonObject& object, const char* key, std::array<std::uint8_t, N>& out) {
    const auto value = object.value(QLatin1String(key));
    return value.isString() && crypto::fromHex(value.toString().toStdString(), out);
}

// The kiosk keys the console's journal heads name, by key id: the only source of a result's
// signer the receiver has (a result record names its kiosk by key id alone).
std::map<crypto::KeyId, crypto::SigningPublicKey>
kioskKeysOf(const std::vector<HeldJournalHead>& heads) {
    std::map<crypto::KeyId, crypto::SigningPublicKey> keys;
    for (const auto& held : heads) {
        if (held.signatureValid) {
            keys.emplace(crypto::keyIdOf(held.head.signer), held.head.signer);
        }
    }
    return keys;
}

void openResult(HeldResult& result, std::span<const std::uint8_t> sealed,
                const crypto::BoxKeyPair& boxKey,
                const std::map<crypto::KeyId, crypto::SigningPublicKey>& kioskKeys) {
    const auto opened = exam::openSealedResult(sealed, boxKey);
    if (!opened.ok()) {
        result.standing = ResultStanding::Unopened;
        return;
    }
    const auto& signedResult = opened.value();
    const auto kiosk = kioskKeys.find(signedResult.kioskKeyId);
    if (kiosk != kioskKeys.end()) {
        const auto verified = exam::verifySignedResult(signedResult, kiosk->second);
        if (verified.ok()) {
            result.standing = ResultStanding::Verified;
            result.record = verified.value();
            return;
        }
        result.standing = ResultStanding::BadSignature;
    } else {
        result.standing = ResultStanding::Unverifiable;
    }
    const auto parsed = exam::parseResultJson(signedResult.json);
    if (parsed.ok()) {
        result.record = parsed.value();
    } else {
        result.standing = ResultStanding::BadSignature;
    }
}

} // namespace

std::string_view describe(ResultStanding standing) noexcept {
    switch (standing) {
    case ResultStanding::Sealed:
        return "sealed";
    case ResultStanding::Unopened:
        return "not opened";
    case ResultStanding::Unverifiable:
        return "kiosk unknown";
    case ResultStanding::BadSignature:
        return "bad signature";
    case ResultStanding::Verified:
        return "verified";
    }
    return "sealed";
}

std::vector<const HeldResult*> HeldRecords::readResults() const {
    std::vector<const HeldResult*> read;
    for (const auto& result : results) {
        if (result.record) {
            read.push_back(&result);
        }
    }
    return read;
}

std::optional<exam::SignedJournalHead> parseJournalHeadItem(std::span<const std::uint8_t> bytes) {
    QJsonParseError error{};
    const auto document = QJsonDocument::fromJson(
        QByteArray(reinterpret_cast<const char*>(bytes.data()), qsizetype(bytes.size())), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        return std::nullopt;
    }
    const auto object = document.object();
    exam::SignedJournalHead head;
    const auto sequence = object.value(QLatin1String("sequence"));
    const auto sitting = object.value(QLatin1String("sitting"));
    if (!sequence.isDouble() || !sitting.isString() || !hexField(object, "head", head.head.hash) ||
        !hexField(object, "kiosk", head.signer) || !hexField(object, "signature", head.signature)) {
        return std::nullopt;
    }
    head.head.sequence = static_cast<std::int64_t>(sequence.toDouble());
    head.sittingId = sitting.toString().toStdString();
    return head;
}

HeldRecords readHeldRecords(
    std::span<const StoredItem> items,
    const std::function<std::optional<crypto::SigningPublicKey>(const std::string&)>& centreKey,
    const crypto::BoxKeyPair* boxKey) {
    HeldRecords held;
    held.boxKeyGiven = boxKey != nullptr;
    std::vector<const StoredItem*> sealedResults;
    for (const auto& item : items) {
        const auto& centre = item.receipt.centreId;
        switch (item.kind) {
        case ItemKind::JournalHead: {
            const auto head = parseJournalHeadItem(item.bytes);
            if (!head) {
                held.unreadable.push_back(
                    {item.receipt.itemId, centre, item.kind, "not a journal head"});
                break;
            }
            const bool valid = crypto::verifySignature(
                head->signer, exam::journalHeadSignedBytes(head->sittingId, head->head),
                head->signature);
            held.heads.push_back(
                {item.receipt.itemId, centre, item.receipt.receivedAtMs, *head, valid});
            break;
        }
        case ItemKind::InvigilationRecord: {
            const auto key = centreKey(centre);
            if (!key) {
                held.unreadable.push_back(
                    {item.receipt.itemId, centre, item.kind, "the centre is not registered"});
                break;
            }
            auto verified = console::verifyRecord(item.bytes, *key);
            if (!verified) {
                held.unreadable.push_back({item.receipt.itemId, centre, item.kind,
                                           std::string(console::describe(verified.error().error))});
                break;
            }
            held.sessions.push_back(
                {item.receipt.itemId, centre, item.receipt.receivedAtMs, verified.value().data});
            break;
        }
        case ItemKind::ResultRecord:
            sealedResults.push_back(&item);
            break;
        case ItemKind::ProblemReport:
        case ItemKind::MalpracticeReport:
            break;
        }
    }
    // Results last: their kiosk keys come from the journal heads.
    const auto kioskKeys = kioskKeysOf(held.heads);
    for (const auto* item : sealedResults) {
        HeldResult result{item->receipt.itemId, item->receipt.centreId, item->receipt.receivedAtMs,
                          ResultStanding::Sealed, std::nullopt};
        if (boxKey) {
            openResult(result, item->bytes, *boxKey, kioskKeys);
        }
        held.results.push_back(std::move(result));
    }
    return held;
}

HeldRecords readHeldRecords(ReceiverStore& store, const crypto::BoxKeyPair* boxKey) {
    const auto items = store.items();
    return readHeldRecords(
        items,
        [&store](const std::string& centre) -> std::optional<crypto::SigningPublicKey> {
            const auto found = store.findCentre(centre);
            return found ? std::optional(found->signingKey) : std::nullopt;
        },
        boxKey);
}

} // namespace vigil::receiver::analysis
