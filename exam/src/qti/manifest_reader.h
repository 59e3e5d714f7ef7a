#pragma once

#include <QByteArray>
#include <string>
#include <vector>

namespace vigil::exam::qti {

class ProblemLog;

struct TestResource {
    std::string path; // package path of the assessmentTest file
    int line = 0;     // of its <resource> in the manifest
};

// What the importer needs of imsmanifest.xml: the assessmentTest resources (an export may hold
// several; one is delivered) and the item resources it lists.
struct Manifest {
    std::vector<TestResource> tests;
    std::vector<std::string> itemPaths; // package paths of the item resources
};

Manifest readManifest(const std::string& packagePath, const QByteArray& bytes, ProblemLog& log);

} // namespace vigil::exam::qti
