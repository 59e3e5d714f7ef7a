// write-bundle and import-receipts: the outbox carried on a USB drive, from the command line,
// for the centre coordinator (the same ConsoleService calls as the Outbox screen's buttons).
#include "console_commands.h"
#include "vigil/console/console_service.h"

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>

namespace vigil::console::app {

namespace {

struct OutboxArguments {
    std::filesystem::path dataDir = ConsoleDataDir::defaultRoot();
    std::string userId;
    std::filesystem::path target;
};

std::optional<OutboxArguments> parse(const QStringList& arguments, bool needsTarget = true) {
    OutboxArguments parsed;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--data-dir") && i + 1 < arguments.size()) {
            parsed.dataDir = arguments[++i].toStdString();
        } else if (arguments[i] == QLatin1String("--user") && i + 1 < arguments.size()) {
            parsed.userId = arguments[++i].toStdString();
        } else if (parsed.target.empty() && !arguments[i].startsWith(QLatin1String("--"))) {
            parsed.target = arguments[i].toStdString();
        } else {
            return std::nullopt;
        }
    }
    if (parsed.userId.empty() || parsed.target.empty() == needsTarget) {
        return std::nullopt;
    }
    return parsed;
}

// VIGIL_PIN_<ID> / VIGIL_PASSWORD_<ID> (the ID upper-cased, other characters as _), as
// vigil-pack reads them, or else stdin, one per line: never the command line.
std::string secret(const std::string& kind, const std::string& userId) {
    std::string name = "VIGIL_" + kind + "_";
    for (const char c : userId) {
        const auto u = static_cast<unsigned char>(c);
        name += std::isalnum(u) != 0 ? static_cast<char>(std::toupper(u)) : '_';
    }
    if (const char* value = std::getenv(name.c_str())) {
        return value;
    }
    std::string line;
    std::getline(std::cin, line);
    return line;
}

// Opens the console and signs the user in; prints why not and returns nullopt.
struct Opened {
    std::unique_ptr<ConsoleService> service;
    std::optional<SignedIn> by;
};
std::optional<Opened> openAs(const OutboxArguments& arguments, const exam::Clock& clock) {
    auto opened = ConsoleService::open(ConsoleDataDir(arguments.dataDir), clock);
    if (!opened) {
        std::fprintf(stderr, "vigil-console: %s\n", describe(opened.error()).c_str());
        return std::nullopt;
    }
    Opened result{std::move(opened).value(), std::nullopt};
    if (!result.service->hasCentre()) {
        std::fprintf(stderr, "vigil-console: %s\n",
                     describe(refusal(ConsoleError::NoCentre)).c_str());
        return std::nullopt;
    }
    const auto pin = secret("PIN", arguments.userId);
    const auto password = secret("PASSWORD", arguments.userId);
    auto signedIn = result.service->signIn(arguments.userId, pin, password);
    if (!signedIn) {
        std::fprintf(stderr, "vigil-console: %s\n", describe(signedIn.error()).c_str());
        return std::nullopt;
    }
    result.by.emplace(std::move(signedIn).value());
    return result;
}

} // namespace

int writeBundleCommand(const QStringList& arguments) {
    const auto parsed = parse(arguments);
    if (!parsed) {
        std::fprintf(stderr,
                     "usage: vigil-console write-bundle [--data-dir DIR] --user ID DRIVE\n");
        return 2;
    }
    const exam::SystemClock clock;
    auto opened = openAs(*parsed, clock);
    if (!opened) {
        return 1;
    }
    auto written = opened->service->writeOutboxBundle(*opened->by, parsed->target);
    if (!written) {
        std::fprintf(stderr, "vigil-console: %s\n", describe(written.error()).c_str());
        return 1;
    }
    std::printf("%s\n", written.value().summary().c_str());
    std::printf("the items stay in the outbox until their receipts file is imported "
                "(vigil-console import-receipts)\n");
    return 0;
}

int importReceiptsCommand(const QStringList& arguments) {
    const auto parsed = parse(arguments);
    if (!parsed) {
        std::fprintf(stderr,
                     "usage: vigil-console import-receipts [--data-dir DIR] --user ID FILE\n");
        return 2;
    }
    const exam::SystemClock clock;
    auto opened = openAs(*parsed, clock);
    if (!opened) {
        return 1;
    }
    auto imported = opened->service->importOutboxReceipts(*opened->by, parsed->target);
    if (!imported) {
        std::fprintf(stderr, "vigil-console: %s\n", describe(imported.error()).c_str());
        return 1;
    }
    const auto& done = imported.value();
    std::printf("receipts imported: %zu items cleared, %zu cleared before, %zu refused by the "
                "awarding body; %zu items still waiting\n",
                done.cleared, done.alreadyHeld, done.refused,
                opened->service->outboxStatus().waiting.size());
    return 0;
}

int fetchPackagesCommand(const QStringList& arguments) {
    const auto parsed = parse(arguments, false);
    if (!parsed) {
        std::fprintf(stderr, "usage: vigil-console fetch-packages [--data-dir DIR] --user ID\n");
        return 2;
    }
    const exam::SystemClock clock;
    auto opened = openAs(*parsed, clock);
    if (!opened) {
        return 1;
    }
    auto fetched =
        opened->service->fetchPackages(*opened->by, [](std::size_t done, std::size_t total) {
            std::fprintf(stderr, "package %zu of %zu\n", done, total);
        });
    if (!fetched) {
        std::fprintf(stderr, "vigil-console: %s\n", describe(fetched.error()).c_str());
        return 1;
    }
    for (const auto& line : fetched.value().lines()) {
        std::printf("%s\n", line.c_str());
    }
    std::printf("packages from the awarding body: %s\n", fetched.value().summary().c_str());
    const bool complete = fetched.value().count(FetchOutcome::Refused) == 0 &&
                          fetched.value().count(FetchOutcome::NotFetched) == 0;
    return complete ? 0 : 1;
}

} // namespace vigil::console::app
