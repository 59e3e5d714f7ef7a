#pragma once

#include "vigil/crypto/secure_buffer.h"
#include "vigil/receiver/receiver_store.h"

#include <filesystem>
#include <memory>
#include <mutex>

namespace vigil::store {
class Database;
}

namespace vigil::receiver {

// The zero-set-up back-end: the one SQLCipher store every Vigil process uses, in one file
// under one 256-bit key. One connection guarded by a mutex, so one vigil-syncd process only.
// Store failures (a wrong key, a full disk) are StoreUnavailableError naming the file.
class EmbeddedReceiverStore final : public ReceiverStore {
public:
    [[nodiscard]] static std::unique_ptr<EmbeddedReceiverStore>
    open(const std::filesystem::path& file, const crypto::SecureBuffer& key);
    ~EmbeddedReceiverStore() override;

    void registerCentre(const CentreRecord& centre) override;
    [[nodiscard]] std::optional<CentreRecord> findCentre(std::string_view centreId) override;
    [[nodiscard]] std::vector<Receipt> putItems(std::span<const StoredItem> items) override;
    using ReceiverStore::putItem;
    [[nodiscard]] bool recordNonce(std::string_view centreId, const Nonce& nonce,
                                   std::int64_t timestampMs) override;
    [[nodiscard]] std::vector<StoredItem> items() override;
    [[nodiscard]] std::int64_t itemCount() override;
    [[nodiscard]] bool publishPackage(const PublishedPackage& package) override;
    [[nodiscard]] std::vector<PackageListing> packagesFor(std::string_view centreId) override;
    [[nodiscard]] std::optional<std::vector<std::uint8_t>>
    packageFor(std::string_view centreId, std::string_view packageId) override;

private:
    explicit EmbeddedReceiverStore(std::unique_ptr<store::Database> database);

    std::mutex mutex_;
    std::unique_ptr<store::Database> database_;
};

} // namespace vigil::receiver
