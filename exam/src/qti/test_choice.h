#pragma once

#include "manifest_reader.h"
#include "vigil/exam/qti_import.h"

#include <optional>
#include <string>
#include <vector>

namespace vigil::exam::qti {

class PackageSource;
class ProblemLog;

struct TestChoice {
    std::vector<QtiTestSummary> tests; // every test the manifest lists
    std::optional<TestResource> chosen;
};

// The test an import delivers: the only one, or the one whose identifier is `identifier`. An
// export with several and none chosen, or an identifier none has, is a problem naming them all.
TestChoice chooseTest(PackageSource& source, const Manifest& manifest,
                      const std::optional<std::string>& identifier, ProblemLog& log);

} // namespace vigil::exam::qti
