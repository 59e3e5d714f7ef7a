#include "package_source.h"

#include "package_path.h"
#include "problem_log.h"

#include <QFile>
#include <map>
#include <system_error>
#include <zip.h>

namespace vigil::exam::qti {
namespace {

const char* const kManifest = "imsmanifest.xml";

std::string sizeLimitMessage() {
    return "file is larger than the " + std::to_string(kMaxPackageFileBytes / (1024 * 1024)) +
           " MiB a package file may hold";
}

class FolderSource final : public PackageSource {
public:
    explicit FolderSource(std::filesystem::path root)
        : root_(std::move(root)) {}

    bool contains(const std::string& packagePath) const override {
        std::error_code error;
        const auto path = inside(packagePath);
        return path && std::filesystem::is_regular_file(*path, error);
    }

    FileRead read(const std::string& packagePath) override {
        const auto path = inside(packagePath);
        std::error_code error;
        if (!path || !std::filesystem::is_regular_file(*path, error)) {
            return {{}, "file not found in the package"};
        }
        QFile file(QString::fromStdString(path->string()));
        if (file.size() > kMaxPackageFileBytes) {
            return {{}, sizeLimitMessage()};
        }
        if (!file.open(QIODevice::ReadOnly)) {
            return {{}, "cannot read: " + file.errorString().toStdString()};
        }
        return {file.readAll(), {}};
    }

private:
    // The file a package path names, unless a symbolic link leads it out of the package.
    std::optional<std::filesystem::path> inside(const std::string& packagePath) const {
        std::error_code error;
        const auto resolved = std::filesystem::weakly_canonical(root_ / packagePath, error);
        if (error) {
            return std::nullopt;
        }
        const auto relative = resolved.lexically_relative(root_);
        if (relative.empty() || *relative.begin() == "..") {
            return std::nullopt;
        }
        return resolved;
    }

    std::filesystem::path root_;
};

struct ZipCloser {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};

class ZipSource final : public PackageSource {
public:
    ZipSource(std::unique_ptr<zip_t, ZipCloser> archive, std::map<std::string, zip_uint64_t> index,
              std::string prefix, QByteArray bytes)
        : bytes_(std::move(bytes))
        , archive_(std::move(archive))
        , index_(std::move(index))
        , prefix_(std::move(prefix)) {}

    bool contains(const std::string& packagePath) const override {
        return index_.contains(prefix_ + packagePath);
    }

    FileRead read(const std::string& packagePath) override {
        const auto found = index_.find(prefix_ + packagePath);
        if (found == index_.end()) {
            return {{}, "file not found in the package"};
        }
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive_.get(), found->second, 0, &stat) != 0) {
            return {{}, std::string("cannot read: ") + zip_strerror(archive_.get())};
        }
        if (stat.size > static_cast<zip_uint64_t>(kMaxPackageFileBytes)) {
            return {{}, sizeLimitMessage()};
        }
        std::unique_ptr<zip_file_t, decltype(&zip_fclose)> file(
            zip_fopen_index(archive_.get(), found->second, 0), &zip_fclose);
        if (!file) {
            return {{}, std::string("cannot read: ") + zip_strerror(archive_.get())};
        }
        // One byte more than declared, so an entry that inflates past its header is caught.
        QByteArray bytes(static_cast<qsizetype>(stat.size) + 1, '\0');
        zip_int64_t total = 0;
        while (total < bytes.size()) {
            const zip_int64_t got = zip_fread(file.get(), bytes.data() + total,
                                              static_cast<zip_uint64_t>(bytes.size() - total));
            if (got < 0) {
                return {{}, std::string("corrupt archive entry: ") + zip_file_strerror(file.get())};
            }
            if (got == 0) {
                break;
            }
            total += got;
        }
        if (total != static_cast<zip_int64_t>(stat.size)) {
            return {{}, "corrupt archive entry: its size does not match the archive directory"};
        }
        bytes.truncate(static_cast<qsizetype>(total));
        return {bytes, {}};
    }

private:
    QByteArray bytes_; // an archive opened from memory reads these; empty for a file
    std::unique_ptr<zip_t, ZipCloser> archive_;
    std::map<std::string, zip_uint64_t> index_; // full entry name -> index
    std::string prefix_;                        // folder holding imsmanifest.xml, or ""
};

void logUnreadable(const std::string& display, zip_error_t* error, ProblemLog& log) {
    log.add(display, 0, {},
            std::string("not a readable zip archive: ") + zip_error_strerror(error));
}

// Indexes an open archive's entries, refusing unsafe names, encryption and oversized totals.
std::unique_ptr<PackageSource> indexZip(std::unique_ptr<zip_t, ZipCloser> archive,
                                        const std::string& display, QByteArray bytes,
                                        ProblemLog& log) {
    const zip_int64_t entries = zip_get_num_entries(archive.get(), 0);
    if (entries < 0 || entries > kMaxPackageEntries) {
        log.add(display, 0, {},
                "archive holds more than " + std::to_string(kMaxPackageEntries) + " entries");
        return nullptr;
    }
    std::map<std::string, zip_uint64_t> index;
    std::uint64_t totalBytes = 0;
    const std::size_t problemsBefore = log.count();
    for (zip_int64_t i = 0; i < entries; ++i) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0 ||
            (stat.valid & ZIP_STAT_NAME) == 0) {
            log.add(display, 0, {}, "unreadable archive entry #" + std::to_string(i));
            continue;
        }
        const std::string name = stat.name;
        if (!name.empty() && name.back() == '/') {
            continue; // a folder entry
        }
        const auto normalized = normalizePackagePath(name);
        if (!normalized || *normalized != name) {
            log.add(display, 0, {},
                    "archive entry \"" + name +
                        "\" has an unsafe path (absolute, \"..\" or \"\\\"): refused");
            continue;
        }
        if ((stat.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 &&
            stat.encryption_method != ZIP_EM_NONE) {
            log.add(display, 0, {}, "archive entry \"" + name + "\" is encrypted");
            continue;
        }
        totalBytes += stat.size;
        if (!index.emplace(name, static_cast<zip_uint64_t>(i)).second) {
            log.add(display, 0, {}, "archive holds \"" + name + "\" twice");
        }
    }
    if (totalBytes > static_cast<std::uint64_t>(kMaxPackageTotalBytes)) {
        log.add(display, 0, {},
                "archive would unpack to more than " +
                    std::to_string(kMaxPackageTotalBytes / (1024 * 1024)) + " MiB");
    }
    if (log.count() != problemsBefore) {
        return nullptr;
    }
    // Some tools zip the package folder itself: accept one top folder holding the manifest.
    std::string prefix;
    if (!index.contains(kManifest)) {
        std::vector<std::string> candidates;
        for (const auto& [name, unused] : index) {
            const auto slash = name.find('/');
            if (slash != std::string::npos && name.substr(slash + 1) == kManifest) {
                candidates.push_back(name.substr(0, slash + 1));
            }
        }
        if (candidates.size() == 1) {
            prefix = candidates.front();
        }
    }
    return std::make_unique<ZipSource>(std::move(archive), std::move(index), std::move(prefix),
                                       std::move(bytes));
}

std::unique_ptr<PackageSource> openZipFile(const std::filesystem::path& zipPath, ProblemLog& log) {
    const std::string display = zipPath.filename().string();
    int errorCode = 0;
    std::unique_ptr<zip_t, ZipCloser> archive(zip_open(zipPath.c_str(), ZIP_RDONLY, &errorCode));
    if (!archive) {
        zip_error_t error;
        zip_error_init_with_code(&error, errorCode);
        logUnreadable(display, &error, log);
        zip_error_fini(&error);
        return nullptr;
    }
    return indexZip(std::move(archive), display, {}, log);
}

} // namespace

std::unique_ptr<PackageSource> PackageSource::open(const std::filesystem::path& folderOrZip,
                                                   ProblemLog& log) {
    std::error_code error;
    if (std::filesystem::is_directory(folderOrZip, error)) {
        return std::make_unique<FolderSource>(std::filesystem::canonical(folderOrZip, error));
    }
    if (std::filesystem::is_regular_file(folderOrZip, error)) {
        return openZipFile(folderOrZip, log);
    }
    log.add(folderOrZip.string(), 0, {}, "no such folder or zip file");
    return nullptr;
}

std::unique_ptr<PackageSource>
PackageSource::openZip(QByteArray zip, const std::string& displayName, ProblemLog& log) {
    zip_error_t error;
    zip_error_init(&error);
    // The source reads `zip` in place; the ZipSource keeps those bytes alive.
    zip_source_t* source =
        zip_source_buffer_create(zip.constData(), static_cast<zip_uint64_t>(zip.size()), 0, &error);
    std::unique_ptr<zip_t, ZipCloser> archive(
        source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr);
    if (!archive) {
        if (source) {
            zip_source_free(source);
        }
        logUnreadable(displayName, &error, log);
        zip_error_fini(&error);
        return nullptr;
    }
    zip_error_fini(&error);
    return indexZip(std::move(archive), displayName, std::move(zip), log);
}

} // namespace vigil::exam::qti
