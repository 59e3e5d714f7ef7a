#pragma once

#include "vigil/exam/qti_import.h"

#include <string>
#include <vector>

namespace vigil::exam::qti {

// Collects every problem of an import, so an author fixes them all in one round.
class ProblemLog {
public:
    void add(std::string file, int line, std::string element, std::string message) {
        problems_.push_back({std::move(file), line, std::move(element), std::move(message)});
    }
    [[nodiscard]] std::size_t count() const { return problems_.size(); }
    [[nodiscard]] bool empty() const { return problems_.empty(); }
    [[nodiscard]] std::vector<QtiProblem> take() { return std::move(problems_); }

private:
    std::vector<QtiProblem> problems_;
};

} // namespace vigil::exam::qti
