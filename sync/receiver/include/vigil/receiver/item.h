#pragma once

#include "vigil/crypto/hash.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vigil::receiver {

// What a centre sends the awarding body. The receiver stores the bytes as they came and never
// needs to open them (a result record stays sealed to the awarding body's key).
enum class ItemKind {
    ResultRecord,       // signed by the kiosk, sealed to the awarding body
    JournalHead,        // a sitting's journal head, signed by the kiosk
    InvigilationRecord, // signed by the console
    ProblemReport,      // a question-problem report
    MalpracticeReport,
};

// "result-record", "journal-head", "invigilation-record", "problem-report",
// "malpractice-report": the Vigil-Kind header and the stores' kind column.
[[nodiscard]] std::string_view kindName(ItemKind kind) noexcept;
[[nodiscard]] std::optional<ItemKind> parseKind(std::string_view name) noexcept;

// An item's id is BLAKE2b-256 of its canonical bytes (the producer writes them canonical; the
// receiver hashes what it received), so the same item always has the same id and a retry can
// never be stored twice.
using ItemId = crypto::Digest;

[[nodiscard]] ItemId itemIdOf(std::span<const std::uint8_t> canonicalBytes);
[[nodiscard]] std::string itemIdHex(const ItemId& id);
// Exactly 64 lower- or upper-case hex digits; nullopt for anything else.
[[nodiscard]] std::optional<ItemId> parseItemId(std::string_view hex);

} // namespace vigil::receiver
