// The QTI importer on a content package zipped in memory (what vigil-pack build reads). Its
// custom mutator unzips the input, mutates one file (or, now and then, a name or the raw
// archive) and zips it again, so mutations reach the XML and JSON parsers behind libzip's
// checksums. The seeds are exam/samples and the importer's test packages, zipped.
#include "exam/src/qti/in_memory_import.h"
#include "tests/fuzz/zip_entries.h"
#include "vigil/exam/serialization.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>

using namespace vigil::exam;

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t maxSize);

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const QByteArray zip(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
    const QtiImportResult result = qti::importQtiZip(zip, "fuzz.zip");
    if (result.assessment.has_value() == !result.problems.empty()) {
        std::abort(); // an import gives an assessment or the problems, never both or neither
    }
    for (const auto& problem : result.problems) {
        (void)formatProblem(problem);
    }
    if (result.assessment) {
        if (const auto reason = validateAssessment(*result.assessment); !reason.empty()) {
            // Imported, yet vigil-pack could not seal it: its refusal would have no file or line.
            std::fprintf(stderr, "imported but not sealable: %s\n", reason.c_str());
            std::abort();
        }
    }
    return 0;
}

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
                                               std::size_t maxSize, unsigned int seed) {
    std::minstd_rand random(seed);
    auto entries = vigil::fuzz::unzip(data, size);
    if (!entries || entries->empty() || random() % 8 == 0) {
        return LLVMFuzzerMutate(data, size, maxSize);
    }
    auto& [name, content] = (*entries)[random() % entries->size()];
    std::string& target = random() % 16 == 0 ? name : content;
    const std::size_t before = target.size();
    target.resize(before + 64 + before / 4);
    target.resize(
        LLVMFuzzerMutate(reinterpret_cast<std::uint8_t*>(target.data()), before, target.size()));
    const auto zipped = vigil::fuzz::zipUp(*entries);
    if (zipped.empty() || zipped.size() > maxSize) {
        return LLVMFuzzerMutate(data, size, maxSize);
    }
    std::memcpy(data, zipped.data(), zipped.size());
    return zipped.size();
}
