#pragma once

#include "vigil/console/candidate.h"
#include "vigil/console/candidate_csv.h"
#include "vigil/crypto/error.h"
#include "vigil/store/database.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The candidates of each session, kept in the console's store (tables of
// SeatingStore::schemaSql()). Typed in one by one, or imported from a CSV file all at once or
// not at all. This class does not check who is asking: the console's facade checks the
// signed-in user's role and that the session is theirs before calling it.
namespace vigil::console {

// A candidate as listed; the photo, when there is one, is read on its own with photo().
struct RosterCandidate {
    std::string name;
    std::string registrationNumber;
    bool hasPhoto = false;

    friend bool operator==(const RosterCandidate&, const RosterCandidate&) = default;
};

class CandidateRoster {
public:
    explicit CandidateRoster(store::Database& db)
        : db_(db) {}

    // The candidate as kept (normalised), or why not: see CandidateError.
    [[nodiscard]] CandidateResult<RosterCandidate> add(std::string_view sessionId,
                                                       CandidateEntry entry);
    // Every candidate of a clean file, in one transaction; or every problem and nothing added.
    [[nodiscard]] Checked<std::size_t, std::vector<CsvProblem>>
    importCsv(std::string_view sessionId, std::string_view file);

    // In the order they were added.
    [[nodiscard]] std::vector<RosterCandidate> list(std::string_view sessionId);
    [[nodiscard]] std::optional<RosterCandidate> find(std::string_view sessionId,
                                                      std::string_view registrationNumber);
    [[nodiscard]] std::optional<CandidatePhoto> photo(std::string_view sessionId,
                                                      std::string_view registrationNumber);
    // A new photo, or none to remove it.
    [[nodiscard]] CandidateResult<crypto::Done>
    setPhoto(std::string_view sessionId, std::string_view registrationNumber,
             const std::optional<CandidatePhoto>& photo);
    // Refused while the candidate has a seat in the session's plan.
    [[nodiscard]] CandidateResult<crypto::Done> remove(std::string_view sessionId,
                                                       std::string_view registrationNumber);

private:
    void insert(std::string_view sessionId, const CandidateEntry& entry);
    [[nodiscard]] std::set<std::string> numbersOf(std::string_view sessionId);

    store::Database& db_;
};

} // namespace vigil::console
