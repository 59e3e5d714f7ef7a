// fuzz_seed_writer SOURCE_DIR SEEDS_DIR: writes each fuzz target's seeds into SEEDS_DIR/<target>/
// from exam/samples and the test fixtures, through the real code paths (the importer, the
// package builder, the seat assignment signer, a sitting driven by the engine), so the seeds
// follow the formats as they change. Keys are fresh each time: the targets never check them.
#include "tests/fuzz/seed_folder.h"
#include "tests/fuzz/zip_entries.h"
#include "vigil/crypto/hash.h"
#include "vigil/crypto/password_hash.h"
#include "vigil/crypto/sealed_box.h"
#include "vigil/crypto/signing.h"
#include "vigil/exam/clock.h"
#include "vigil/exam/kiosk_content_key.h"
#include "vigil/exam/package.h"
#include "vigil/exam/qti_import.h"
#include "vigil/exam/seat_assignment.h"
#include "vigil/exam/serialization.h"
#include "vigil/exam/sitting.h"
#include "vigil/exam/sitting_journal.h"
#include "vigil/receiver/bundle_receipts.h"
#include "vigil/receiver/receipt.h"
#include "vigil/receiver/upload_batch.h"
#include "vigil/receiver/upload_request.h"
#include "vigil/receiver/usb_bundle.h"
#include "vigil/sync/discovery.h"
#include "vigil/sync/frame.h"
#include "vigil/sync/messages.h"

#include <QByteArray>
#include <QTemporaryDir>
#include <QtGlobal>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace vigil;
using namespace vigil::exam;

namespace {

using fuzz::fail;
using fuzz::readFile;
using fuzz::SeedFolder;

// A package folder's files by package path.
std::map<std::string, std::string> filesOf(const fs::path& folder) {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file()) {
            files[entry.path().lexically_relative(folder).generic_string()] =
                readFile(entry.path());
        }
    }
    return files;
}

void writeZip(SeedFolder& seeds, const std::string& name,
              const std::map<std::string, std::string>& files) {
    const auto zipped = fuzz::zipUp({files.begin(), files.end()});
    if (zipped.empty()) {
        fail("cannot zip " + name);
    }
    seeds.write(name + ".zip", zipped);
}

std::vector<fs::path> samplePackages(const fs::path& source) {
    std::vector<fs::path> samples;
    for (const auto& entry : fs::directory_iterator(source / "exam/samples")) {
        // A sample is a QTI content package (exam/samples/tools holds how samples are made).
        if (entry.is_directory() && fs::exists(entry.path() / "imsmanifest.xml")) {
            samples.push_back(entry.path());
        }
    }
    std::sort(samples.begin(), samples.end());
    return samples;
}

Assessment imported(const fs::path& folder) {
    auto result = importQtiPackage(folder);
    if (!result.assessment) {
        fail("the sample " + folder.string() + " does not import");
    }
    return std::move(*result.assessment);
}

// The samples zipped as authoring tools export them, and the importer's test package with each
// test fixture in the place of its item, test or manifest (their refusals are paths too).
void writeQtiZips(const fs::path& source, const fs::path& seedsRoot) {
    SeedFolder seeds(seedsRoot, "qti_zip");
    for (const auto& sample : samplePackages(source)) {
        writeZip(seeds, sample.filename().string(), filesOf(sample));
    }
    const fs::path data = source / "tests/exam/qti/data";
    auto base = filesOf(data / "base");
    for (const auto& [name, bytes] : filesOf(data / "media")) {
        base["media/" + name] = bytes;
    }
    writeZip(seeds, "base", base);
    // Exports as another engine writes them (TAO: tests/ and items/ folders, no settings, one
    // test without timeLimits), and one with the settings file put in as vigil-assessment.json
    // so that mutations reach a whole import through durationMinutes.
    for (const auto* exported : {"tao-one-test", "tao-two-tests"}) {
        writeZip(seeds, exported, filesOf(data / exported));
    }
    auto settled = filesOf(data / "tao-one-test");
    settled["vigil-assessment.json"] = readFile(data / "tao-settings.json");
    writeZip(seeds, "tao-one-test-with-settings", settled);
    for (const auto& [folder, replaced] :
         std::array{std::pair{"items", "items/q1.xml"}, std::pair{"tests", "test.xml"},
                    std::pair{"manifests", "imsmanifest.xml"}}) {
        for (const auto& [name, bytes] : filesOf(data / folder)) {
            auto variant = base;
            variant[replaced] = bytes;
            writeZip(seeds, std::string(folder) + "-" + fs::path(name).stem().string(), variant);
        }
    }
}

void writeSvgs(const fs::path& source, const fs::path& seedsRoot) {
    SeedFolder seeds(seedsRoot, "svg_filter");
    for (const auto& folder : {source / "exam/samples", source / "tests/exam/qti/data"}) {
        for (const auto& entry : fs::recursive_directory_iterator(folder)) {
            if (entry.path().extension() == ".svg") {
                seeds.write(entry.path().parent_path().parent_path().filename().string() + "-" +
                                entry.path().filename().string(),
                            readFile(entry.path()));
            }
        }
    }
}

void writePackages(const std::vector<Assessment>& assessments, const fs::path& seedsRoot) {
    SeedFolder packages(seedsRoot, "package");
    SeedFolder contents(seedsRoot, "package_content");
    const auto awardingBody = crypto::generateSigningKeyPair();
    std::vector<PackageRecipient> recipients;
    for (const char* centre : {"C0451", "C-LEEDS-01", "centre.with_every-kind"}) {
        recipients.push_back({centre, crypto::generateBoxKeyPair().publicKey});
    }
    for (std::size_t i = 0; i < assessments.size(); ++i) {
        const auto& assessment = assessments[i];
        const std::string name = assessment.metadata.id;
        for (const std::size_t count : {std::size_t{1}, recipients.size()}) {
            auto built = buildPackage(assessment, awardingBody,
                                      {recipients.begin(), recipients.begin() + count});
            if (!built) {
                fail("cannot seal " + name + ": " + describe(built.error()));
            }
            packages.write(name + "-" + std::to_string(count) + ".vigil", built.value());
        }
        auto serialized = serializeAssessment(assessment);
        if (!serialized) {
            fail("cannot serialise " + name + ": " + serialized.error());
        }
        contents.write(name + ".assessment", serialized.value());
    }
}

SeatAssignment assignmentFor(const Assessment& assessment, const std::string& hash) {
    SeatAssignment a;
    a.sessionId = "S-2026-11-23-W2";
    a.centreId = "C0451";
    a.centreName = "Workshop Training Ltd";
    a.room = "Workshop 2";
    a.seatLabel = "PC07";
    a.sessionDate = "2026-11-23";
    a.candidateName = "Jordan Ellis";
    a.registrationNumber = "AB123456";
    a.assessmentId = assessment.metadata.id;
    a.assessmentVersion = assessment.metadata.version;
    a.invigilators = {{"INV-0042", "Sam Carter", hash, false}};
    a.issuedAtMs = 1'795'000'000'000;
    a.validUntilMs = a.issuedAtMs + 8 * 3'600'000;
    a.sittingSeed = 0x0123456789ABCDEFull;
    return a;
}

void writeSeatAssignments(const Assessment& assessment, const fs::path& seedsRoot) {
    SeedFolder seeds(seedsRoot, "seat_assignment");
    const auto issuer = crypto::generateSigningKeyPair();
    auto hash = hashInvigilatorCredential("INV-0042", "1234", "correct horse");
    if (!hash) {
        fail("cannot hash an invigilator's credential");
    }
    auto plain = assignmentFor(assessment, hash.value());
    const auto kiosk = crypto::generateSigningKeyPair();
    plain.kioskKey = kiosk.publicKey;
    auto full = plain;
    full.sealedContentKey =
        sealContentKeyToKiosk(crypto::SecureBuffer::random(32), kiosk.publicKey).value();
    full.photo = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00};
    full.accessibility = {true, true, 2, "lilac", 25};
    full.invigilators.push_back({"INV-0043", "Aoife Ní Bhriain", hash.value(), true});
    for (const auto& [name, assignment] : {std::pair{"plain", plain}, std::pair{"full", full}}) {
        auto bytes = signSeatAssignment(assignment, issuer);
        if (!bytes) {
            fail(std::string("cannot sign the ") + name +
                 " assignment: " + describe(bytes.error()));
        }
        seeds.write(std::string(name) + ".vseat", bytes.value());
    }
}

std::string journalLines(const std::vector<SittingEvent>& events) {
    std::string lines;
    for (const auto& event : events) {
        lines += canonicalEventJson(event) + "\n";
    }
    return lines;
}

// Two sittings driven by the engine in a throwaway store: one answered, submitted and
// resulted, one with every invigilator event and then voided.
std::vector<std::string> writeJournals(const Assessment& assessment, const fs::path& seedsRoot) {
    SeedFolder seeds(seedsRoot, "journal_event");
    QTemporaryDir dir;
    const auto key = crypto::SecureBuffer::random(store::Database::kKeyBytes);
    const std::array migrations{store::Migration{1, sittingSchemaSql()},
                                store::Migration{2, sittingHeadSchemaSql()}};
    auto db =
        store::Database::open(fs::path(dir.path().toStdString()) / "seeds.db", key, migrations);
    ManualClock clock;
    const auto kiosk = crypto::generateSigningKeyPair();
    SittingSetup setup{"sitting-1", "S-2026-11-23-W2", "AB123456", "C0451", "PC07", 42, true};
    const std::string assignmentBytes = "the seat assignment", packageBytes = "the package";
    setup.assignmentDigest = crypto::blake2b(
        {reinterpret_cast<const std::uint8_t*>(assignmentBytes.data()), assignmentBytes.size()});
    setup.packageDigest = packageDigest(
        {reinterpret_cast<const std::uint8_t*>(packageBytes.data()), packageBytes.size()});

    auto answered = Sitting::create(db, assessment, setup, clock, kiosk);
    answered.verifyInvigilator("INV-0042");
    answered.confirmCandidate("INV-0042");
    answered.start();
    for (std::size_t i = 0; i < assessment.items.size(); i += 2) {
        const auto& item = assessment.items[i];
        answered.answer(item.identifier, {item.choices.front().identifier});
        clock.advance(std::chrono::seconds(20));
    }
    answered.setFlag(assessment.items.front().identifier, true);
    answered.goTo(1);
    answered.checkpoint();
    answered.submit(answered.unansweredCount());
    (void)answered.issueResult(crypto::generateBoxKeyPair().publicKey);
    seeds.write("answered.jsonl", journalLines(answered.events()));

    setup.sittingId = "sitting-2";
    auto eventful = Sitting::create(db, assessment, setup, clock, kiosk);
    eventful.verifyInvigilator("INV-0042");
    eventful.confirmCandidate("INV-0042");
    eventful.start();
    eventful.pause("fire alarm", "INV-0042");
    eventful.resume("INV-0042");
    eventful.noteIncident("candidate asked for a word's pronunciation", "INV-0042");
    eventful.grantExtraTime(std::chrono::seconds(300), "reader arrived late", "INV-0042");
    eventful.reviewIncidents("INV-0042");
    eventful.voidSitting("wrong assessment launched", "INV-0042");
    seeds.write("eventful.jsonl", journalLines(eventful.events()));
    for (const auto& event : eventful.events()) {
        seeds.write("event-" + std::string(toString(event.kind)) + ".json",
                    canonicalEventJson(event));
    }
    std::vector<std::string> lines;
    for (const auto& event : eventful.events()) {
        lines.push_back(canonicalEventJson(event));
    }
    return lines;
}

// One of each message the link carries, framed, the journal's from a real sitting; the first
// byte is the target's piece size (0: the stream arrives a byte at a time).
void writeLinkFrames(const std::vector<std::string>& journalLines, const fs::path& seedsRoot) {
    SeedFolder seeds(seedsRoot, "link_frames");
    const std::vector<sync::Message> messages{
        sync::Hello{sync::kProtocolVersion, "C0451", "PC07", "vigil-kiosk 0.1.0"},
        sync::HelloReply{sync::HelloReply::Standing::Enrolled,
                         {},
                         "Workshop 2 console",
                         {{"sitting-1", 7}, {"sitting-0", 41}}},
        sync::HelloReply{sync::HelloReply::Standing::Refused,
                         "PC07 presented a different key",
                         "Workshop 2 console",
                         {}},
        sync::KioskStatus{"Question", "sitting-1", 3, 24, 2400, {}},
        sync::JournalEvents{"sitting-1", 0, journalLines, std::string(64, 'a'),
                            std::string(128, 'b')},
        sync::JournalAck{"sitting-1", 7},
        sync::JournalRefused{"sitting-1", 3, "a gap before event 3"},
        sync::signCommand("PC07", sync::CommandKind::GrantExtraTime, 1'795'000'000'000,
                          R"({"minutes":10,"reason":"fire alarm"})",
                          crypto::generateSigningKeyPair()),
        sync::CommandResult{std::string(32, 'a'), false, "the command is for PC08", true},
        sync::SittingResult{"sitting-1", std::vector<std::uint8_t>(160, 0x5c)},
        sync::ResultAck{"sitting-1", std::string(64, 'e')},
    };
    std::vector<std::uint8_t> all{255};
    for (const auto& message : messages) {
        const auto frame = sync::encodeMessage(message);
        auto bytes = sync::encodeFrame(frame.type, frame.payload);
        std::vector<std::uint8_t> seed{static_cast<std::uint8_t>(bytes.size() % 7)};
        seed.insert(seed.end(), bytes.begin(), bytes.end());
        seeds.write("message-" + std::to_string(all.size()) + "-type-" + std::to_string(frame.type),
                    seed);
        all.insert(all.end(), bytes.begin(), bytes.end());
    }
    seeds.write("all-messages", all);
}

// JournalEvents payloads of a real sitting's journal for the replica; the first byte is the
// target's mode (bit 0: signed as the kiosk, bit 1: its first half first).
void writeJournalReplica(const std::vector<std::string>& journalLines, const fs::path& seedsRoot) {
    SeedFolder seeds(seedsRoot, "journal_replica");
    const auto payload = [](std::uint8_t mode, const sync::JournalEvents& batch) {
        const auto frame = sync::encodeMessage(batch);
        std::vector<std::uint8_t> seed{mode};
        seed.insert(seed.end(), frame.payload.begin(), frame.payload.end());
        return seed;
    };
    const sync::JournalEvents whole{"sitting-2", 0, journalLines, std::string(64, 'a'),
                                    std::string(128, 'b')};
    seeds.write("whole-signed", payload(1, whole));
    seeds.write("halves-signed", payload(3, whole));
    seeds.write("whole-unsigned", payload(0, whole));
    auto later = whole;
    later.firstSequence = 3;
    later.events.erase(later.events.begin(), later.events.begin() + 3);
    seeds.write("gap-signed", payload(1, later));
}

void writeConsoleAnnouncements(const fs::path& seedsRoot) {
    SeedFolder seeds(seedsRoot, "console_announcement");
    const auto console = crypto::generateSigningKeyPair();
    seeds.write("workshop", sync::encodeAnnouncement(
                                {1, "C0451", "Workshop 2 console", 47'200, {}, 7}, console));
    seeds.write(
        "long-name",
        sync::encodeAnnouncement(
            {1, "C0451", std::string(600, 'W'), 65'535, {}, 9'007'199'254'740'991}, console));
}

// Signed uploads as HTTP bytes, signed with the key fuzz_receiver_request.cpp derives from the
// same seed (so they pass verification), and a receipt.
void writeReceiverRequests(const fs::path& seedsRoot) {
    SeedFolder seeds(seedsRoot, "receiver_request");
    const std::array<std::uint8_t, 32> seed{7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7,
                                            7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
    const auto centre = crypto::signingKeyPairFromSeed(seed).value();
    const std::string record = R"({"candidate":"C1","score":17})";
    const std::vector<std::uint8_t> body(record.begin(), record.end());
    const auto upload = receiver::signUpload(centre, "C0451", receiver::ItemKind::ResultRecord,
                                             body, 1'790'000'000'000);
    std::string http = "POST " + upload.target + " HTTP/1.1\r\nHost: syncd\r\n";
    for (const auto& [name, value] : receiver::headerLines(upload)) {
        http += name + ": " + value + "\r\n";
    }
    http += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + record;
    seeds.write("upload", http);
    seeds.write("health", std::string("GET /v1/health HTTP/1.1\r\nHost: syncd\r\n\r\n"));
    seeds.write("receipt",
                receiver::encodeReceipt(receiver::signReceipt(
                    crypto::generateSigningKeyPair(), "C0451", upload.itemId, 1'790'000'000'123)));
    // A batch of two items, signed; its body alone; and its answer.
    const std::vector<std::uint8_t> head{'h', 'e', 'a', 'd'};
    const auto batch = receiver::encodeBatch(std::vector<receiver::BatchItem>{
        {receiver::ItemKind::ResultRecord, body}, {receiver::ItemKind::JournalHead, head}});
    const auto batchUpload = receiver::signBatchUpload(centre, "C0451", batch, 1'790'000'000'000);
    std::string batchHttp = "POST " + batchUpload.target + " HTTP/1.1\r\nHost: syncd\r\n";
    for (const auto& [name, value] : receiver::headerLines(batchUpload)) {
        batchHttp += name + ": " + value + "\r\n";
    }
    batchHttp += "Content-Length: " + std::to_string(batch.size()) + "\r\n\r\n" +
                 std::string(batch.begin(), batch.end());
    seeds.write("batch-upload", batchHttp);
    seeds.write("batch-body", std::string(batch.begin(), batch.end()));
    std::vector<receiver::BatchItemAnswer> answers;
    answers.emplace_back(receiver::signReceipt(crypto::generateSigningKeyPair(), "C0451",
                                               upload.itemId, 1'790'000'000'123));
    answers.emplace_back(
        receiver::ReceiverFailure{receiver::ReceiverError::ItemOfAnotherCentre, "C0452"});
    seeds.write("batch-answer", receiver::encodeBatchAnswer(answers));
}

// Bundle manifests signed with the centre key fuzz_bundle_manifest.cpp derives from the same
// seed (so they verify), a body alone, and a receipts file signed with its receiver key.
void writeBundleManifests(const fs::path& seedsRoot) {
    SeedFolder seeds(seedsRoot, "bundle_manifest");
    auto keysFrom = [](std::uint8_t fill) {
        std::array<std::uint8_t, 32> seed{};
        seed.fill(fill);
        return crypto::signingKeyPairFromSeed(seed).value();
    };
    const auto centre = keysFrom(7);
    const auto receiverKeys = keysFrom(9);
    receiver::BundleManifest manifest{"C0451", 1'790'000'000'000, {}};
    receiver::BundleReceipts receipts{"C0451", {}, {}, {}};
    for (const std::string text : {"result record", "journal head", "invigilation record"}) {
        const std::vector<std::uint8_t> bytes(text.begin(), text.end());
        const auto id = receiver::itemIdOf(bytes);
        manifest.items.push_back({id, receiver::ItemKind::ResultRecord, bytes.size()});
        receipts.receipts.push_back(
            receiver::signReceipt(receiverKeys, "C0451", id, 1'790'000'100'000));
    }
    manifest.items[1].kind = receiver::ItemKind::JournalHead;
    seeds.write("manifest", receiver::signManifest(manifest, centre));
    seeds.write("manifest-body", receiver::encodeManifestBody(manifest));
    seeds.write("empty-manifest", receiver::signManifest({"C0451", 1'790'000'000'000, {}}, centre));
    receipts.manifestDigest = crypto::blake2b(receiver::signManifest(manifest, centre));
    receipts.refused.push_back(
        {manifest.items[2].id, "item-of-another-centre", "held for another centre"});
    seeds.write("receipts", receiver::signBundleReceipts(receipts, receiverKeys));
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        fail("usage: fuzz_seed_writer SOURCE_DIR SEEDS_DIR");
    }
    const fs::path source = argv[1];
    const fs::path seeds = argv[2];
    std::vector<Assessment> samples;
    for (const auto& sample : samplePackages(source)) {
        samples.push_back(imported(sample));
    }
    if (samples.empty()) {
        fail("no samples in " + (source / "exam/samples").string());
    }
    writeQtiZips(source, seeds);
    writeSvgs(source, seeds);
    writePackages(samples, seeds);
    writeSeatAssignments(samples.front(), seeds);
    const auto journalLines = writeJournals(samples.front(), seeds);
    writeLinkFrames(journalLines, seeds);
    writeJournalReplica(journalLines, seeds);
    writeConsoleAnnouncements(seeds);
    writeReceiverRequests(seeds);
    writeBundleManifests(seeds);
    return 0;
}
