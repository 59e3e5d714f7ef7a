#pragma once

// A zip archive as a list of (name, bytes), read and written with libzip in memory: what the
// QTI target's mutator and the seed writer share.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>
#include <zip.h>

namespace vigil::fuzz {

using ZipEntries = std::vector<std::pair<std::string, std::string>>;

// Every entry of the archive in `bytes`; nullopt when it is not a zip libzip reads, or holds
// more than maxEntries entries or an entry larger than maxEntryBytes.
inline std::optional<ZipEntries> unzip(const std::uint8_t* bytes, std::size_t size,
                                       std::size_t maxEntries = 1024,
                                       std::size_t maxEntryBytes = 4 * 1024 * 1024) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes, size, 0, &error);
    zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    zip_error_fini(&error);
    if (!archive) {
        zip_source_free(source);
        return std::nullopt;
    }
    std::optional<ZipEntries> entries(std::in_place);
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    if (count < 0 || static_cast<std::size_t>(count) > maxEntries) {
        entries.reset();
    }
    for (zip_int64_t i = 0; entries && i < count; ++i) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        zip_file_t* file = nullptr;
        if (zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &stat) != 0 ||
            stat.name == nullptr || stat.size > maxEntryBytes ||
            (file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0)) == nullptr) {
            entries.reset();
            break;
        }
        std::string content(static_cast<std::size_t>(stat.size), '\0');
        const zip_int64_t read = zip_fread(file, content.data(), content.size());
        zip_fclose(file);
        if (read != static_cast<zip_int64_t>(content.size())) {
            entries.reset();
            break;
        }
        entries->emplace_back(stat.name, std::move(content));
    }
    zip_discard(archive);
    return entries;
}

// The entries as a zip archive, stored without compression so that every byte of a file is a
// byte of the archive; empty when libzip refuses (e.g. an empty name).
inline std::vector<std::uint8_t> zipUp(const ZipEntries& entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    zip_error_fini(&error);
    if (!buffer) {
        return {};
    }
    zip_source_keep(buffer); // read back after zip_close
    zip_error_init(&error);
    zip_t* archive = zip_open_from_source(buffer, ZIP_TRUNCATE, &error);
    zip_error_fini(&error);
    bool ok = archive != nullptr;
    for (const auto& [name, content] : entries) {
        if (!ok) {
            break;
        }
        zip_source_t* file = zip_source_buffer(archive, content.data(), content.size(), 0);
        const zip_int64_t index =
            file ? zip_file_add(archive, name.c_str(), file, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8)
                 : -1;
        if (index < 0) {
            zip_source_free(file);
            ok = false;
            break;
        }
        ok = zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0) ==
                 0 &&
             zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), 0, 0) == 0;
    }
    std::vector<std::uint8_t> bytes;
    if (ok && zip_close(archive) == 0) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_source_stat(buffer, &stat) == 0 && zip_source_open(buffer) == 0) {
            bytes.resize(static_cast<std::size_t>(stat.size));
            if (zip_source_read(buffer, bytes.data(), bytes.size()) !=
                static_cast<zip_int64_t>(bytes.size())) {
                bytes.clear();
            }
            zip_source_close(buffer);
        }
    } else if (archive) {
        zip_discard(archive);
    }
    zip_source_free(buffer);
    return bytes;
}

} // namespace vigil::fuzz
