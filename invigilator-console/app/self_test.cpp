#include "console_commands.h"
#include "vigil/console/console_service.h"
#include "vigil/crypto/hash.h"

#include <cstdio>

namespace vigil::console::app {

bool parseListen(const QString& text, std::string& address, std::uint16_t& port) {
    const auto colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) {
        return false;
    }
    bool ok = false;
    const auto number = text.mid(colon + 1).toUInt(&ok);
    if (!ok || number > 65'535) {
        return false;
    }
    address = text.left(colon).toStdString();
    port = static_cast<std::uint16_t>(number);
    return true;
}

int selfTest(const std::filesystem::path& dataDir, const QString& listen) {
    LinkSettings link;
    if (!parseListen(listen, link.address, link.port)) {
        std::fprintf(stderr, "vigil-console: --listen wants ADDRESS:PORT, not %s\n",
                     qPrintable(listen));
        return 2;
    }
    link.announce = false; // a check sends nothing to the LAN
    const exam::SystemClock clock;
    std::printf("vigil-console data folder: %s\n", dataDir.c_str());
    auto opened = ConsoleService::open(ConsoleDataDir(dataDir), clock);
    if (!opened) {
        std::printf("vigil-console self-test: FAILED: %s\n", describe(opened.error()).c_str());
        return 1;
    }
    auto& service = *opened.value();
    if (!service.hasCentre()) {
        std::printf("vigil-console self-test: FAILED: %s\n",
                    describe(refusal(ConsoleError::NoCentre)).c_str());
        return 1;
    }
    const auto& centre = service.centre();
    std::printf("vigil-console centre: %s %s (%s)\n", centre.id().c_str(), centre.name().c_str(),
                centre.timeZone().c_str());
    std::printf("vigil-console console key: %s\n",
                crypto::toHex(centre.signingKeys().publicKey).c_str());
    std::printf("vigil-console users: %zu\n", service.userCount());
    const auto kiosks = service.enrolledKiosks();
    std::string seats;
    for (const auto& kiosk : kiosks) {
        seats += (seats.empty() ? " (" : ", ") + kiosk.seat;
    }
    std::printf("vigil-console enrolled kiosks: %zu%s\n", kiosks.size(),
                seats.empty() ? "" : (seats + ")").c_str());
    auto port = service.startLink(link);
    if (!port) {
        std::printf("vigil-console self-test: FAILED: %s\n", describe(port.error()).c_str());
        return 1;
    }
    std::printf("vigil-console link: listening on %s:%u\n", link.address.c_str(),
                static_cast<unsigned>(port.value()));
    service.stopLink();
    std::printf("vigil-console self-test: OK\n");
    return 0;
}

} // namespace vigil::console::app
