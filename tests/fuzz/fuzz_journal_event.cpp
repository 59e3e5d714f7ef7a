// The journal event decoder (what a kiosk reads back from its store and what an imported or
// moved journal holds): one event as JSON per line, each decoded, checked to survive its own
// canonical form, then the whole journal replayed and its time allowed and incidents derived.
// Expected refusals are SittingErrors; any other exception escapes and is a finding. The seeds are
// journals of real sittings.
#include "vigil/exam/sitting_error.h"
#include "vigil/exam/sitting_journal.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <vector>

using namespace vigil::exam;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<SittingEvent> events;
    for (std::size_t start = 0; start < text.size();) {
        const auto end = std::min(text.find('\n', start), text.size());
        const auto line = text.substr(start, end - start);
        start = end + 1;
        SittingEvent event;
        try {
            event = parseEventJson(line);
        } catch (const SittingError&) {
            return 0;
        }
        // Its canonical form (what is stored and hashed) must read back as the same event.
        if (parseEventJson(canonicalEventJson(event)) != event) {
            std::abort();
        }
        events.push_back(std::move(event));
    }
    try {
        const SittingSnapshot snapshot = replay(events);
        // What the kiosk's timer and incident strip then compute from a replayed journal.
        (void)snapshot.timeAllowedMs();
        (void)(snapshot.timeAllowedMs() - snapshot.timeUsedMs);
        (void)unreviewedIncidents(events);
    } catch (const SittingError&) {
    }
    return 0;
}
