// A kiosk's listener for the console's announcement: any datagram off the LAN. One that reads
// as an announcement must carry a signature that verifies under the key it names, and its
// fields within their limits.
#include "vigil/sync/discovery.h"
#include "vigil/sync/messages.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vigil::sync;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto announcement = decodeAnnouncement({data, size});
    if (!announcement) {
        return 0;
    }
    const auto& read = announcement.value();
    if (size > kMaxAnnouncementBytes || read.linkPort == 0 || read.protocol != 1 ||
        read.centreId.size() > kMaxTextField || read.consoleName.size() > kMaxTextField) {
        std::abort(); // accepted what the schema refuses
    }
    return 0;
}
