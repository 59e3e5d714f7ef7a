// A sealed package (.vigil) as a forged signature would deliver it: the header parser every
// file reaches, then the body's parsers (sections, metadata, recipient table) that a reader
// calls only once the signature is proven. The seeds are real packages.
#include "exam/src/package/package_format.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vigil::exam;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> package(data, size);
    auto header = detail::parsePackageHeader(package);
    if (!header) {
        (void)describe(header.error());
        return 0;
    }
    auto body = detail::parseSignedBody(package, header.value());
    if (!body) {
        (void)describe(body.error());
        return 0;
    }
    // What a reader then does with the parts it has parsed.
    const auto& sections = body.value().sections;
    for (const auto& region :
         {sections.layout.metadata, sections.layout.recipients, sections.layout.content}) {
        if (region.offset + region.size > size) {
            std::abort(); // a section reported outside the file
        }
    }
    for (const auto& recipient : body.value().recipients) {
        if (!detail::isValidCentreId(recipient.info.centreId) ||
            recipient.sealedContentKey.size() != detail::kSealedContentKeyBytes) {
            std::abort(); // an entry the table parser should have refused
        }
    }
    return 0;
}
