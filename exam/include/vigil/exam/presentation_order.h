#pragma once

#include "vigil/exam/assessment.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vigil::exam {

// One item as a sitting presents it: its identifier and its choices in display order.
struct ItemPresentation {
    std::string itemId;
    std::vector<std::string> choiceOrder; // choice identifiers

    bool operator==(const ItemPresentation&) const = default;
};

// The order a sitting shows, derived only from the assessment and the seed: std::mt19937_64
// with Vigil's own unbiased bounded draw and Fisher-Yates (std::shuffle and the std
// distributions are implementation-defined). Items are shuffled when shuffleItems is true;
// an item's choices only when its `shuffle` is true, and `fixed` choices keep their index.
[[nodiscard]] std::vector<ItemPresentation>
presentationOrder(const Assessment& assessment, std::uint64_t seed, bool shuffleItems);

} // namespace vigil::exam
