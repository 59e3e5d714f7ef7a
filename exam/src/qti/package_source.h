#pragma once

#include <QByteArray>
#include <filesystem>
#include <memory>
#include <string>

namespace vigil::exam::qti {

class ProblemLog;

// Bounds that keep a hostile or broken package from exhausting memory.
inline constexpr std::int64_t kMaxPackageFileBytes = 32 * 1024 * 1024;
inline constexpr std::int64_t kMaxPackageTotalBytes = 512 * 1024 * 1024;
inline constexpr std::int64_t kMaxPackageEntries = 20000;

struct FileRead {
    QByteArray bytes;
    std::string error; // empty on success
};

// The files of a content package by package path (see package_path.h), whether it is a
// folder or a zip archive. Nothing is extracted to disk.
class PackageSource {
public:
    virtual ~PackageSource() = default;
    [[nodiscard]] virtual bool contains(const std::string& packagePath) const = 0;
    [[nodiscard]] virtual FileRead read(const std::string& packagePath) = 0;

    // nullptr (with problems logged) when `folderOrZip` cannot be opened as a package.
    static std::unique_ptr<PackageSource> open(const std::filesystem::path& folderOrZip,
                                               ProblemLog& log);
    // A zip archive already in memory (problems name it `displayName`).
    static std::unique_ptr<PackageSource> openZip(QByteArray zip, const std::string& displayName,
                                                  ProblemLog& log);
};

} // namespace vigil::exam::qti
