// fuzz_console_seed_writer SOURCE_DIR SEEDS_DIR: writes the seeds of the console's parsers'
// targets (candidate_csv, record_file) into SEEDS_DIR/<target>/: the candidate CSVs of
// tests/console/data, and invigilation records signed by the console's own signRecord. Apart
// from seed_writer.cpp so that these targets need only the console's parser libraries.
#include "tests/fuzz/seed_folder.h"
#include "vigil/console/incident.h"
#include "vigil/console/invigilation_record.h"
#include "vigil/crypto/hash_chain.h"
#include "vigil/crypto/signing.h"

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace vigil;
using namespace vigil::console;
using fuzz::fail;
using fuzz::SeedFolder;

namespace {

// The candidate CSVs of tests/console/data as they are, and each again with a byte-order mark
// and CRLF line ends (what a spreadsheet on Windows saves).
void writeCandidateCsvs(const fs::path& source, const fs::path& seedsRoot) {
    SeedFolder seeds(seedsRoot, "candidate_csv");
    int written = 0;
    for (const auto& entry : fs::directory_iterator(source / "tests/console/data")) {
        if (entry.path().extension() != ".csv") {
            continue;
        }
        const auto text = fuzz::readFile(entry.path());
        std::string windows = "\xEF\xBB\xBF";
        for (const char c : text) {
            windows += c == '\n' ? std::string("\r\n") : std::string(1, c);
        }
        seeds.write(entry.path().filename().string(), text);
        seeds.write(entry.path().stem().string() + "-bom-crlf.csv", windows);
        ++written;
    }
    if (written == 0) {
        fail("no candidate CSV in " + (source / "tests/console/data").string());
    }
}

RecordData sessionOfTwo() {
    RecordData data;
    data.session = {"C0451",           "Northfield Motor Training",
                    "S-2026-12-02-AM", "Workshop 2",
                    "2026-12-02",      "09:00",
                    "10:30",           "Europe/London"};
    data.invigilators = {{"Sam Carter", "PIN-REF-7F3A"}};
    data.seatingPlan = {{{"PC01", "Jordan Ellis", "AB123456", "LV3-BRAKES-2026A"},
                         {"", "", "", ""},
                         {"PC02", "O'Neill, \"Aoife\"", "REG-40214", "LV3-BRAKES-2026A"}}};
    data.candidates = {{"Jordan Ellis", "AB123456", "LV3-BRAKES-2026A", "PC01", "09:02", "10:01",
                        "Pass 31/40", "None allowed"},
                       {"O'Neill, \"Aoife\"", "REG-40214", "LV3-BRAKES-2026A", "PC02", "09:03", "",
                        "Voided: fire alarm"}};
    return data;
}

// Incidents of every scope, a question reference and a correction, as the log writes them.
std::vector<Incident> incidentsOf(const RecordData& data) {
    const IncidentSubject jordan{"PC01", data.candidates[0].name, data.candidates[0].registration};
    const IncidentSubject aoife{"PC02", data.candidates[1].name, data.candidates[1].registration};
    constexpr std::int64_t nine = 1'796'202'000'000; // 2026-12-02 09:00 UTC
    return {
        {IncidentKind::ReaderUsed,
         IncidentScope::OneCandidate,
         {jordan},
         nine + 120'000,
         "Sam Carter",
         "Reader for Jordan Ellis",
         std::nullopt,
         std::nullopt},
        {IncidentKind::SuspectedQuestionProblem,
         IncidentScope::OneCandidate,
         {aoife},
         nine + 600'000,
         "Sam Carter",
         "Diagram labels overlap",
         QuestionReference{12, "LV3-BRAKES-2026A"},
         std::nullopt},
        {IncidentKind::InteractionBetweenCandidates,
         IncidentScope::SeveralCandidates,
         {jordan, aoife},
         nine + 900'000,
         "Sam Carter",
         "Notes passed",
         std::nullopt,
         std::nullopt},
        {IncidentKind::FireAlarmOrEvacuation,
         IncidentScope::WholeRoom,
         {},
         nine + 2'400'000,
         "Sam Carter",
         "Alarm rang, room evacuated 09:40-09:52",
         std::nullopt,
         std::nullopt},
        {IncidentKind::ReaderUsed,
         IncidentScope::OneCandidate,
         {aoife},
         nine + 2'700'000,
         "Sam Carter",
         "The reader was for Aoife",
         std::nullopt,
         0},
    };
}

// Records signed with the console key fuzz_record_file.cpp derives from the same seed (so they
// verify), without and with incidents; each twice, the first byte saying whether the fuzzer
// holds that key (fuzz_record_file.cpp).
void writeRecordFiles(const fs::path& seedsRoot) {
    SeedFolder seeds(seedsRoot, "record_file");
    std::array<std::uint8_t, 32> seed{};
    seed.fill(0x43);
    const auto console = crypto::signingKeyPairFromSeed(seed).value();
    auto data = sessionOfTwo();
    const auto write = [&](const std::string& name) {
        const auto record = signRecord(data, console);
        if (!record) {
            fail("the record " + name + " does not sign: " + record.error().detail);
        }
        for (const std::uint8_t keyHeld : {0, 1}) {
            std::vector<std::uint8_t> bytes{keyHeld};
            bytes.insert(bytes.end(), record.value().bytes.begin(), record.value().bytes.end());
            seeds.write(name + (keyHeld ? "-key-held" : ""), bytes);
        }
    };
    write("no-incidents");
    crypto::HashChainWriter chain(console, std::nullopt);
    for (const auto& incident : incidentsOf(data)) {
        data.incidents.push_back(chain.append(incidentPayload(incident, data.session.sessionId),
                                              incident.occurredMs + 1000));
    }
    write("five-incidents");
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        fail("usage: fuzz_console_seed_writer SOURCE_DIR SEEDS_DIR");
    }
    writeCandidateCsvs(argv[1], argv[2]);
    writeRecordFiles(argv[2]);
    return 0;
}
