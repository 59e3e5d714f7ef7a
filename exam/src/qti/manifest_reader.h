#pragma once

#include <QByteArray>
#include <optional>
#include <string>
#include <vector>

namespace vigil::exam::qti {

class ProblemLog;

// What the importer needs of imsmanifest.xml: the one assessmentTest resource, and the item
// resources it lists (used when a test names an item by manifest identifier).
struct Manifest {
    std::optional<std::string> testPath; // package path of the assessmentTest
    std::vector<std::string> itemPaths;  // package paths of the item resources
};

Manifest readManifest(const std::string& packagePath, const QByteArray& bytes, ProblemLog& log);

} // namespace vigil::exam::qti
