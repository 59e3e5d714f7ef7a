#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::exam {

// A resit policy table that cannot be used: unreadable, malformed, or saying something the
// rules cannot honour. The message names the source and the place in it ("resit-policy.json:
// qualifications[3].resitIntervalMinutes: ..."), so a coordinator can pass it on as it is.
class ResitPolicyError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// One listed qualification (by its regulated qualification code, e.g. "601/8928/9") or one
// category of assessment (e.g. "accredited-assessor") that may be retaken sooner after a fail
// than the default allows.
struct ResitIntervalEntry {
    std::string key;   // the qualification code, or the category name
    std::string group; // what a person calls it, e.g. "MOT testing"
    std::chrono::minutes interval{0};

    friend bool operator==(const ResitIntervalEntry&, const ResitIntervalEntry&) = default;
};

// Why a resit interval applies: the entry that granted it, or none for the default.
struct ResolvedResitInterval {
    std::chrono::minutes interval{0};
    std::optional<ResitIntervalEntry> grantedBy; // empty: the default interval
    bool byCategory = false;                     // grantedBy names a category, not a code
};

// The awarding body's table of how long a candidate waits after failing an assessment before
// retaking it. It is data the awarding body updates (exam/data/resit-policy.json is the shipped
// copy, compiled in); a file that does not validate is refused with a ResitPolicyError, never
// replaced by anything laxer.
//
// File format (JSON, every key required except "categories", no other keys allowed):
//   format "vigil-resit-policy", formatVersion 1, revision (non-empty text), effectiveFrom
//   (ISO date), defaultResitIntervalMinutes, qualifications: [{code, group,
//   resitIntervalMinutes}], categories: [{category, group, resitIntervalMinutes}].
// Intervals are positive whole minutes; codes look like "601/8928/9"; categories are lower-case
// words joined by '-'; no code or category may be listed twice.
class ResitPolicy {
public:
    static constexpr int kFormatVersion = 1;

    // Parses and validates; sourceName prefixes every error message.
    [[nodiscard]] static ResitPolicy fromJson(std::string_view json, std::string_view sourceName);
    [[nodiscard]] static ResitPolicy fromFile(const std::filesystem::path& path);

    // The table built from exam/data/resit-policy.json when Vigil was compiled.
    [[nodiscard]] static const ResitPolicy& compiledIn();
    [[nodiscard]] static std::string_view compiledInJson();

    // The table a centre runs with: the updated file when one is configured (it must load, and
    // must not be older than the compiled-in table: a stale copy is an error, not a fallback),
    // else the compiled-in table.
    [[nodiscard]] static ResitPolicy
    updatedOrCompiledIn(const std::optional<std::filesystem::path>& updatedTable);

    [[nodiscard]] const std::string& revision() const { return revision_; }
    [[nodiscard]] std::chrono::year_month_day effectiveFrom() const { return effectiveFrom_; }
    [[nodiscard]] std::chrono::minutes defaultInterval() const { return defaultInterval_; }
    [[nodiscard]] const std::vector<ResitIntervalEntry>& qualifications() const {
        return qualifications_;
    }
    [[nodiscard]] const std::vector<ResitIntervalEntry>& categories() const { return categories_; }

    // The wait after a fail of an assessment with this qualification code and these categories.
    // Each listed entry is a permission to retake sooner, so the shortest matching one wins;
    // with none matching, the default applies.
    [[nodiscard]] ResolvedResitInterval
    intervalFor(std::string_view qualificationCode,
                const std::vector<std::string>& assessmentCategories) const;

    friend bool operator==(const ResitPolicy&, const ResitPolicy&) = default;

private:
    ResitPolicy() = default;

    std::string revision_;
    std::chrono::year_month_day effectiveFrom_{};
    std::chrono::minutes defaultInterval_{0};
    std::vector<ResitIntervalEntry> qualifications_;
    std::vector<ResitIntervalEntry> categories_;
};

} // namespace vigil::exam
