#include "commands.h"
#include "import_report.h"
#include "key_loading.h"
#include "vigil/crypto/hash.h"
#include "vigil/exam/package.h"
#include "vigil/exam/qti_import.h"

#include <ostream>

namespace vigil::pack {

namespace {

exam::PackageRecipient parseCentre(const std::string& value) {
    const auto equals = value.find('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == value.size()) {
        throw UsageError("--centre takes <centre-id>=<centre.pub>, got \"" + value + "\"");
    }
    return {value.substr(0, equals), loadBoxPublic(value.substr(equals + 1))};
}

} // namespace

int runBuild(const std::vector<std::string>& words, std::ostream& out, std::ostream& err) {
    const Arguments args(words, {"--signing-key", "--centre", "-o", "--settings", "--test"}, {});
    args.expectPositionals(1);
    const auto source = args.positional(0, "<qti-folder-or-zip>");
    const auto signingKeyPath = args.required("--signing-key");
    const auto outputPath = args.required("-o");
    const auto centres = args.all("--centre");
    if (centres.empty()) {
        throw UsageError("build needs at least one --centre <centre-id>=<centre.pub>");
    }
    std::vector<exam::PackageRecipient> recipients;
    for (const auto& centre : centres) {
        recipients.push_back(parseCentre(centre));
    }
    const auto awardingBody = loadSigningSecret(signingKeyPath);

    const auto options = importOptions(args);
    auto imported = exam::importQtiPackage(source, options);
    if (!imported.problems.empty() || !imported.assessment) {
        for (const auto& problem : imported.problems) {
            err << exam::formatProblem(problem) << "\n";
        }
        printTestsIfTheChoiceFailed(imported, options, err);
        err << "vigil-pack build: " << source << " cannot be delivered as authored ("
            << imported.problems.size() << " problem" << (imported.problems.size() == 1 ? "" : "s")
            << "); no package written\n";
        return kExitFailed;
    }
    const auto& assessment = *imported.assessment;
    auto package = exam::buildPackage(assessment, awardingBody, recipients);
    if (!package) {
        err << "vigil-pack build: " << exam::describe(package.error()) << "\n";
        return kExitFailed;
    }
    if (auto written = exam::writePackageFile(outputPath, package.value()); !written) {
        err << "vigil-pack build: " << exam::describe(written.error()) << "\n";
        return kExitFailed;
    }
    out << "sealed " << assessment.metadata.id << " version " << assessment.metadata.version << " ("
        << assessment.items.size() << " items, " << assessment.media.size() << " media files) for";
    for (const auto& recipient : recipients) {
        out << " " << recipient.centreId;
    }
    out << "\n  settings: " << imported.settingsSource << "\n  package: " << outputPath << " ("
        << package.value().size() << " bytes)\n"
        << "  BLAKE2b-256: " << crypto::toHex(exam::packageDigest(package.value())) << "\n";
    return kExitOk;
}

} // namespace vigil::pack
