#pragma once

// A real console on real files for the core's tests: the awarding body's keys as key files, an
// encrypted store in a temporary folder, a centre with its coordinator, packages the awarding
// body signs for it. Argon2id runs at the real cost (crypto/ fixes it): each test keeps to the
// few hashes it needs.
#include "vigil/console/centre.h"
#include "vigil/console/console_store.h"
#include "vigil/console/package_library.h"
#include "vigil/console/session_planner.h"
#include "vigil/console/session_registry.h"
#include "vigil/console/user_directory.h"
#include "vigil/console/user_login.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/package.h"

#include <QTemporaryDir>
#include <QTest>
#include <optional>
#include <stdexcept>

namespace vigil::console::testing {

inline const std::string kCentreId = "C0451";
inline const std::string kCoordinatorId = "COORD-1";
inline const std::string kCoordinatorPin = "246810";
inline const std::string kCoordinatorPassword = "workshop-keys";

// The centre a first run of the demo makes: Northfield, its coordinator (the constants above),
// and the awarding body's public keys from these key files.
inline CentreSetup northfieldCentre(const std::filesystem::path& signingKeyFile,
                                    const std::filesystem::path& boxKeyFile) {
    return {
        kCentreId,       "Northfield Motor Training",
        "Europe/London", signingKeyFile,
        boxKeyFile,      {kCoordinatorId, "Alex Morgan", kCoordinatorPin, kCoordinatorPassword}};
}

template <class T> T valueOf(ConsoleResult<T> result) {
    if (!result) {
        throw std::runtime_error("unexpected refusal: " + describe(result.error()));
    }
    return std::move(result).value();
}

inline exam::Assessment smallAssessment(const std::string& id, bool apprenticeshipStandard) {
    exam::Assessment assessment;
    auto& meta = assessment.metadata;
    meta.id = id;
    meta.title = "Light Vehicle Braking Systems";
    meta.qualificationCode = "603/1465/5";
    meta.version = "2026.1";
    meta.durationSeconds = 40 * 60;
    meta.passMarkPercent = 60.0;
    meta.itemCount = 2;
    meta.apprenticeshipStandard = apprenticeshipStandard;
    for (const char* identifier : {"q01", "q02"}) {
        exam::Item item;
        item.identifier = identifier;
        item.title = identifier;
        item.bodyHtml = "<p>SECRET-STEM of the question</p>";
        item.choices = {{"A", "<p>Yes</p>", false}, {"B", "<p>No</p>", false}};
        item.correctResponse = {"A"};
        assessment.items.push_back(std::move(item));
    }
    return assessment;
}

class CoreFixture {
public:
    CoreFixture()
        : awardingBody_(crypto::generateSigningKeyPair())
        , awardingBodyBox_(crypto::generateBoxKeyPair()) {
        if (!dir_.isValid() ||
            !crypto::saveSigningPublicKey(path("ab-signing.pub"), awardingBody_.publicKey) ||
            !crypto::saveBoxPublicKey(path("ab-box.pub"), awardingBodyBox_.publicKey)) {
            throw std::runtime_error("cannot lay out the awarding body's key files");
        }
    }

    [[nodiscard]] std::filesystem::path path(const std::string& name) const {
        return std::filesystem::path(dir_.path().toStdString()) / name;
    }
    [[nodiscard]] std::filesystem::path storeFile() const { return path("console.db"); }
    [[nodiscard]] const crypto::SecureBuffer& storeKey() const { return storeKey_; }
    [[nodiscard]] exam::ManualClock& clock() { return clock_; }
    [[nodiscard]] const crypto::SigningKeyPair& awardingBody() const { return awardingBody_; }

    [[nodiscard]] CentreSetup setup() const {
        return northfieldCentre(path("ab-signing.pub"), path("ab-box.pub"));
    }

    // Opens the store and creates the centre (first run).
    void createCentre(std::span<const store::Migration> migrations) {
        store_.emplace(valueOf(ConsoleStore::open(storeFile(), storeKey_, migrations)));
        centre_.emplace(valueOf(Centre::create(*store_, setup(), clock_)));
    }
    void createCentre() {
        store_.emplace(valueOf(ConsoleStore::open(storeFile(), storeKey_)));
        centre_.emplace(valueOf(Centre::create(*store_, setup(), clock_)));
    }

    // Every later run: the same store and centre.
    void reopen() {
        store_.emplace(valueOf(ConsoleStore::open(storeFile(), storeKey_)));
        centre_.emplace(valueOf(Centre::load(*store_)));
    }

    [[nodiscard]] ConsoleStore& store() { return *store_; }
    [[nodiscard]] Centre& centre() { return *centre_; }
    void closeStore() {
        centre_.reset();
        store_.reset();
    }

    [[nodiscard]] SignedIn coordinator() {
        return valueOf(UserLogin(*store_, clock_)
                           .login(kCoordinatorId, kCoordinatorPin, kCoordinatorPassword));
    }

    // Adds an invigilator (as the coordinator) whose PIN is 1357 and password "<id>-password".
    UserProfile addInvigilator(const SignedIn& coordinator, const std::string& id,
                               const std::string& name,
                               const std::string& industryQualification = {},
                               bool assessor = false) {
        return valueOf(UserDirectory(*store_, clock_)
                           .addInvigilator(coordinator, {id, name, "1357", id + "-password",
                                                         industryQualification, assessor}));
    }
    [[nodiscard]] SignedIn signInAs(const std::string& id) {
        return valueOf(UserLogin(*store_, clock_).login(id, "1357", id + "-password"));
    }

    // A package the awarding body signs and seals to the given centre key (this centre's by
    // default), written to a file; returns its path.
    std::filesystem::path writePackage(const std::string& assessmentId,
                                       bool apprenticeshipStandard = false,
                                       const crypto::SigningKeyPair* signer = nullptr,
                                       const crypto::BoxPublicKey* centreKey = nullptr) {
        auto built = exam::buildPackage(
            smallAssessment(assessmentId, apprenticeshipStandard), signer ? *signer : awardingBody_,
            {{kCentreId, centreKey ? *centreKey : centre_->boxKeys().publicKey}});
        if (!built) {
            throw std::runtime_error(exam::describe(built.error()));
        }
        const auto file = path(assessmentId + ".vigil");
        if (!exam::writePackageFile(file, built.value())) {
            throw std::runtime_error("cannot write the package");
        }
        return file;
    }

    std::string importPackage(const SignedIn& coordinator, const std::string& assessmentId,
                              bool apprenticeshipStandard = false) {
        return valueOf(PackageLibrary(*store_, *centre_, clock_)
                           .import(coordinator, writePackage(assessmentId, apprenticeshipStandard)))
            .digest;
    }

private:
    QTemporaryDir dir_;
    crypto::SigningKeyPair awardingBody_;
    crypto::BoxKeyPair awardingBodyBox_;
    crypto::SecureBuffer storeKey_ = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    exam::ManualClock clock_;
    std::optional<ConsoleStore> store_;
    std::optional<Centre> centre_;
};

} // namespace vigil::console::testing
