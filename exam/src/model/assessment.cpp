#include "vigil/exam/assessment.h"

#include <algorithm>

namespace vigil::exam {

const char* kindName(PackageKind kind) noexcept {
    return kind == PackageKind::Practice ? "practice" : "assessment";
}

const Item* Assessment::findItem(const std::string& identifier) const {
    const auto found = std::find_if(items.begin(), items.end(), [&](const Item& item) {
        return item.identifier == identifier;
    });
    return found == items.end() ? nullptr : &*found;
}

const Media* Assessment::findMedia(const std::string& mediaPath) const {
    const auto found = std::find_if(media.begin(), media.end(),
                                    [&](const Media& m) { return m.path == mediaPath; });
    return found == media.end() ? nullptr : &*found;
}

} // namespace vigil::exam
