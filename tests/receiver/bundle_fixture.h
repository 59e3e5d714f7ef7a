#pragma once

// What the bundle tests share: items to carry, a written bundle and the ways to damage one, and
// drives that are read-only or nearly full (tmpfs mounts in a mount namespace of the test's own,
// so nothing outlives the test process).
#include "vigil/receiver/bundle_writer.h"

#include <QTest>
#include <algorithm>
#include <fstream>
#include <iterator>
#include <sched.h>
#include <string>
#include <sys/mount.h>
#include <vector>

namespace vigil::testing {

inline std::vector<std::uint8_t> bytesOf(std::string_view text) {
    return {text.begin(), text.end()};
}

inline std::vector<std::uint8_t> readAll(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void writeAll(const std::filesystem::path& file, std::span<const std::uint8_t> bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

// The sentence of a failed result, empty for a good one: QVERIFY2 evaluates its message always.
template <class Result> std::string failureOf(const Result& result) {
    using receiver::describe; // and the failure's own, found by its namespace
    return result ? std::string() : std::string(describe(result.error()));
}

// Three items of three kinds, as a centre's outbox holds them.
struct BundleContents {
    std::vector<std::uint8_t> record = bytesOf("result record of sitting S1-PC07, sealed");
    std::vector<std::uint8_t> head = bytesOf("journal head of sitting S1-PC07, signed");
    std::vector<std::uint8_t> invigilation = bytesOf("invigilation record of session S1");

    [[nodiscard]] std::vector<receiver::BundleItem> items() const {
        return {{receiver::ItemKind::ResultRecord, record},
                {receiver::ItemKind::JournalHead, head},
                {receiver::ItemKind::InvigilationRecord, invigilation}};
    }
};

inline std::filesystem::path itemFile(const std::filesystem::path& bundle,
                                      std::span<const std::uint8_t> bytes) {
    return bundle / receiver::itemIdHex(receiver::itemIdOf(bytes));
}

// Changes one digit of the manifest's createdAt: the JSON stays valid, the signature does not.
inline void alterManifest(const std::filesystem::path& bundle) {
    const auto file = bundle / receiver::kBundleManifestFileName;
    auto bytes = readAll(file);
    const std::string_view key = "\"createdAt\":";
    const auto at = std::search(bytes.begin(), bytes.end(), key.begin(), key.end());
    QVERIFY(at != bytes.end());
    auto& digit = *(at + std::ptrdiff_t(key.size()));
    digit = digit == '9' ? '8' : std::uint8_t(digit + 1);
    writeAll(file, bytes);
}

// tmpfs mounts for drives that are read-only or full. Mounting needs CAP_SYS_ADMIN (root, as
// CI runs); the test unshares its mount namespace first and makes the mount holding `under`
// private there (`/` itself, or in a chroot, where `/` is no mount point, the nearest mount
// above `under`), so no mount it makes reaches the machine's namespace or outlives the test.
class TestMounts {
public:
    static bool available(const std::filesystem::path& under) {
        static const bool unshared = ::unshare(CLONE_NEWNS) == 0;
        static bool privateMount = false;
        if (!unshared || privateMount) {
            return privateMount;
        }
        for (auto path = std::filesystem::path("/"); !privateMount;) {
            privateMount =
                ::mount(nullptr, path.c_str(), nullptr, MS_REC | MS_PRIVATE, nullptr) == 0;
            if (path == under) {
                break;
            }
            path = nearerTo(path, under);
        }
        return privateMount;
    }

private:
    // The next folder from `from` down towards `to`.
    static std::filesystem::path nearerTo(const std::filesystem::path& from,
                                          const std::filesystem::path& to) {
        auto next = std::filesystem::path("/");
        for (const auto& part : to.relative_path()) {
            next /= part;
            if (next.string().size() > from.string().size()) {
                return next;
            }
        }
        return to;
    }
};

// A tmpfs at `where` (made if missing) with the given options, unmounted when the object goes.
class TmpfsMount {
public:
    TmpfsMount(std::filesystem::path where, const std::string& options)
        : where_(std::move(where)) {
        std::filesystem::create_directories(where_);
        mounted_ = ::mount("tmpfs", where_.c_str(), "tmpfs", 0, options.c_str()) == 0;
    }
    ~TmpfsMount() {
        if (mounted_) {
            (void)::umount2(where_.c_str(), MNT_DETACH);
        }
    }
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;
    [[nodiscard]] bool mounted() const { return mounted_; }
    // Makes the mount read-only from now on, as a drive whose write-protect switch is set.
    [[nodiscard]] bool makeReadOnly() {
        return ::mount(nullptr, where_.c_str(), nullptr, MS_REMOUNT | MS_RDONLY, nullptr) == 0;
    }

private:
    std::filesystem::path where_;
    bool mounted_ = false;
};

} // namespace vigil::testing
