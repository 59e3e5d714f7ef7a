#include "commands.h"
#include "key_loading.h"

#include <iostream>
#include <string_view>

namespace {

constexpr std::string_view kUsage = R"(usage: vigil-pack <command> [options]

Sealed assessment packages (.vigil) and seat assignments for Vigil.

  keygen --signing <out-prefix>
      New Ed25519 signing key pair: <out-prefix>.sk (owner only) and <out-prefix>.pub.
      The awarding body signs packages with one; a centre signs seat assignments with one.
  keygen --box <out-prefix>
      New X25519 key pair for a centre: packages are sealed to its .pub.
  build <qti-folder-or-zip> --signing-key <ab.sk> --centre <centre-id>=<centre.pub>
        [--centre ...] [--settings <file.json>] [--test <identifier>] -o <out.vigil>
      Imports a QTI 2.1/2.2 package and seals it to each centre given. An export as
      another engine wrote it is read unchanged: --settings gives what it lacks (the keys
      of vigil-assessment.json, plus durationMinutes for a test without timeLimits);
      --test chooses one of several tests (without it, they are listed).
  check <qti-folder-or-zip> [--settings <file.json>] [--test <identifier>]
      Reports each item: delivered as is, or refused with file, line, element and why
      (every test of the export without --test). Builds nothing, needs no key; exits 1
      if anything would stop build.
  verify <package.vigil> --ab-key <ab.pub> [--centre <centre-id> --centre-key <centre.sk>]
      Checks the signature; with a centre key, also that the content opens and matches.
  info <package.vigil> --ab-key <ab.pub>
      Shows the public metadata and recipients (never the content).
  assign --signing-key <centre.sk> --package <package.vigil> --ab-key <ab.pub>
         --kiosk-key <kiosk-signing.pub> [--centre-key <centre-box.sk>] --session <id> --centre <centre-id> --centre-name <name> --room <room>
         --seat <pc-label> --date <yyyy-MM-dd> --candidate <name> --registration <number>
         --invigilator <id>:<name>[:qualified] [--invigilator ...]
         [--photo <jpeg-or-png>] [--screen-reader] [--computer-reader] [--text-scale 0|1|2]
         [--overlay <colour>|none] [--extra-time <percent>] [--valid-hours <1-72>]
         -o <out.seat>
      Writes a signed seat assignment. Each invigilator's PIN and password come from the
      environment (VIGIL_PIN_<ID>, VIGIL_PASSWORD_<ID>; ID upper-cased, other characters
      as _) or else from stdin, PIN then password, one per line; never from the command
      line. Only one Argon2id hash per invigilator, over id, PIN and password together, is
      written. The assignment is for the one PC whose key --kiosk-key gives (the
      kiosk-signing.pub in that kiosk's data folder); with --centre-key, the package's content
      key is sealed to that PC alone, so it can start the assessment with no centre key of its
      own (without it, the seat waits for the console to launch it). Format version 3;
      kiosks refuse versions 1 and 2.
      Overlays: yellow cream blue green pink peach lilac grey.
      --practice: a practice quiz (a package built with "kind": "practice") for the seat's
      practice set, <data-dir>/practice/ on a kiosk whose seat.conf says mode = practice:
      no --candidate, --registration, --invigilator or --photo (--session defaults to
      practice). An assessment is refused with --practice, a practice quiz without it.

  unlock --signing-key <centre.sk> --centre <centre-id> --invigilator <id>
         [--seat <pc-label>] [--valid-hours <1-168>] -o <out.vunlock>
      Writes a signed order that lifts the lock on one invigilator's account at the
      centre's kiosks (one seat, or every seat), with the key that signs seat assignments.
      Copy it into a kiosk's <data-dir>/unlock/: it is applied at the next login attempt,
      at most once (a replayed copy is refused), and only before it expires (24 hours).

Exit status: 0 done, 1 refused or failed (the reason is on stderr), 2 wrong usage.
)";

int usageError(const std::string& message) {
    std::cerr << "vigil-pack: " << message << "\n\n" << kUsage;
    return vigil::pack::kExitUsage;
}

} // namespace

int main(int argc, char** argv) {
    using namespace vigil::pack;
    if (argc < 2) {
        return usageError("no command given");
    }
    const std::string command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::cout << kUsage;
        return kExitOk;
    }
    const std::vector<std::string> words(argv + 2, argv + argc);
    try {
        if (command == "keygen") {
            return runKeygen(words, std::cout, std::cerr);
        }
        if (command == "build") {
            return runBuild(words, std::cout, std::cerr);
        }
        if (command == "check") {
            return runCheck(words, std::cout, std::cerr);
        }
        if (command == "verify") {
            return runVerify(words, std::cout, std::cerr);
        }
        if (command == "info") {
            return runInfo(words, std::cout, std::cerr);
        }
        if (command == "unlock") {
            return runUnlock(words, std::cout, std::cerr);
        }
        if (command == "assign") {
            return runAssign(words, std::cin, std::cout, std::cerr);
        }
        return usageError("unknown command \"" + command + "\"");
    } catch (const UsageError& error) {
        return usageError(command + ": " + error.what());
    } catch (const KeyFileError& error) {
        std::cerr << "vigil-pack " << command << ": " << error.what() << "\n";
        return kExitFailed;
    }
}
