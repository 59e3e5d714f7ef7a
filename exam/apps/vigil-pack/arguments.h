#pragma once

#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace vigil::pack {

// A mistake in how the command was called: main prints it with the usage and exits 2.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The arguments of one sub-command: positionals, options that take a value (repeatable) and
// flags. Anything not declared is a UsageError, so a typo never passes silently.
class Arguments {
public:
    Arguments(const std::vector<std::string>& words, const std::set<std::string>& valueOptions,
              const std::set<std::string>& flags);

    [[nodiscard]] const std::vector<std::string>& positionals() const { return positionals_; }
    [[nodiscard]] std::string positional(std::size_t index, const std::string& name) const;
    [[nodiscard]] bool flag(const std::string& name) const { return flags_.contains(name); }
    [[nodiscard]] std::optional<std::string> optional(const std::string& name) const;
    [[nodiscard]] std::string required(const std::string& name) const;
    [[nodiscard]] std::vector<std::string> all(const std::string& name) const;
    void expectPositionals(std::size_t count) const;

private:
    std::vector<std::string> positionals_;
    std::map<std::string, std::vector<std::string>> values_;
    std::set<std::string> flags_;
};

} // namespace vigil::pack
