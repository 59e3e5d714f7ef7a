#include "vigil/exam/presentation_order.h"

#include <random>
#include <utility>

namespace vigil::exam {

namespace {

// Uniform in [0, bound] by rejection: the same numbers on every standard library.
std::uint64_t drawAtMost(std::mt19937_64& engine, std::uint64_t bound) {
    if (bound == 0) {
        return 0;
    }
    const std::uint64_t range = bound + 1;
    if (range == 0) { // bound is the maximum: every value is fine
        return engine();
    }
    const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() -
                                (std::numeric_limits<std::uint64_t>::max() % range + 1) % range;
    std::uint64_t value = engine();
    while (value > limit) {
        value = engine();
    }
    return value % range;
}

template <class T> void fisherYates(std::vector<T>& values, std::mt19937_64& engine) {
    for (std::size_t i = values.size(); i > 1; --i) {
        const auto j = static_cast<std::size_t>(drawAtMost(engine, i - 1));
        std::swap(values[i - 1], values[j]);
    }
}

std::vector<std::string> choiceOrder(const Item& item, std::mt19937_64& engine) {
    std::vector<std::string> order;
    order.reserve(item.choices.size());
    for (const auto& choice : item.choices) {
        order.push_back(choice.identifier);
    }
    if (!item.shuffle) {
        return order;
    }
    // Shuffle only the movable slots among themselves; fixed choices keep their index.
    std::vector<std::size_t> movableSlots;
    std::vector<std::string> movable;
    for (std::size_t i = 0; i < item.choices.size(); ++i) {
        if (!item.choices[i].fixed) {
            movableSlots.push_back(i);
            movable.push_back(item.choices[i].identifier);
        }
    }
    fisherYates(movable, engine);
    for (std::size_t k = 0; k < movableSlots.size(); ++k) {
        order[movableSlots[k]] = movable[k];
    }
    return order;
}

} // namespace

std::vector<ItemPresentation> presentationOrder(const Assessment& assessment, std::uint64_t seed,
                                                bool shuffleItems) {
    std::mt19937_64 engine(seed);
    std::vector<std::size_t> itemIndexes(assessment.items.size());
    for (std::size_t i = 0; i < itemIndexes.size(); ++i) {
        itemIndexes[i] = i;
    }
    if (shuffleItems) {
        fisherYates(itemIndexes, engine);
    }
    // Choices are drawn in authored item order so an item's choice order does not depend on
    // where the item landed.
    std::vector<std::vector<std::string>> choices;
    choices.reserve(assessment.items.size());
    for (const auto& item : assessment.items) {
        choices.push_back(choiceOrder(item, engine));
    }
    std::vector<ItemPresentation> order;
    order.reserve(itemIndexes.size());
    for (const auto index : itemIndexes) {
        order.push_back({assessment.items[index].identifier, std::move(choices[index])});
    }
    return order;
}

} // namespace vigil::exam
