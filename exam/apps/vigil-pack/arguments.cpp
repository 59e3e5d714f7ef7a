#include "arguments.h"

namespace vigil::pack {

Arguments::Arguments(const std::vector<std::string>& words,
                     const std::set<std::string>& valueOptions,
                     const std::set<std::string>& flags) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto& word = words[i];
        if (word.size() < 2 || word[0] != '-') {
            positionals_.push_back(word);
            continue;
        }
        if (flags.contains(word)) {
            flags_.insert(word);
            continue;
        }
        if (!valueOptions.contains(word)) {
            throw UsageError("unknown option " + word);
        }
        if (i + 1 >= words.size()) {
            throw UsageError(word + " needs a value");
        }
        values_[word].push_back(words[++i]);
    }
}

std::string Arguments::positional(std::size_t index, const std::string& name) const {
    if (index >= positionals_.size()) {
        throw UsageError("missing " + name);
    }
    return positionals_[index];
}

std::optional<std::string> Arguments::optional(const std::string& name) const {
    const auto found = values_.find(name);
    if (found == values_.end()) {
        return std::nullopt;
    }
    if (found->second.size() > 1) {
        throw UsageError(name + " given more than once");
    }
    return found->second.front();
}

std::string Arguments::required(const std::string& name) const {
    auto value = optional(name);
    if (!value) {
        throw UsageError("missing " + name);
    }
    return *value;
}

std::vector<std::string> Arguments::all(const std::string& name) const {
    const auto found = values_.find(name);
    return found == values_.end() ? std::vector<std::string>{} : found->second;
}

void Arguments::expectPositionals(std::size_t count) const {
    if (positionals_.size() > count) {
        throw UsageError("unexpected argument " + positionals_[count]);
    }
    if (positionals_.size() < count) {
        throw UsageError("missing argument");
    }
}

} // namespace vigil::pack
