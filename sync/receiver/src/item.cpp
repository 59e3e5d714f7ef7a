#include "vigil/receiver/item.h"

#include <array>

namespace vigil::receiver {

namespace {

struct KindName {
    ItemKind kind;
    std::string_view name;
};

constexpr std::array<KindName, 5> kKindNames{{
    {ItemKind::ResultRecord, "result-record"},
    {ItemKind::JournalHead, "journal-head"},
    {ItemKind::InvigilationRecord, "invigilation-record"},
    {ItemKind::ProblemReport, "problem-report"},
    {ItemKind::MalpracticeReport, "malpractice-report"},
}};

} // namespace

std::string_view kindName(ItemKind kind) noexcept {
    for (const auto& entry : kKindNames) {
        if (entry.kind == kind) {
            return entry.name;
        }
    }
    return "unknown";
}

std::optional<ItemKind> parseKind(std::string_view name) noexcept {
    for (const auto& entry : kKindNames) {
        if (entry.name == name) {
            return entry.kind;
        }
    }
    return std::nullopt;
}

ItemId itemIdOf(std::span<const std::uint8_t> canonicalBytes) {
    return crypto::blake2b(canonicalBytes);
}

std::string itemIdHex(const ItemId& id) {
    return crypto::toHex(id);
}

std::optional<ItemId> parseItemId(std::string_view hex) {
    ItemId id{};
    if (!crypto::fromHex(hex, id)) {
        return std::nullopt;
    }
    return id;
}

} // namespace vigil::receiver
