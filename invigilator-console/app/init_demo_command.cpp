#include "console_commands.h"
#include "vigil/console/console_service.h"
#include "vigil/crypto/key_files.h"
#include "vigil/exam/package.h"
#include "vigil/exam/qti_import.h"

#include <QDateTime>
#include <QTimeZone>
#include <cstdio>
#include <sys/stat.h>

#ifndef VIGIL_SAMPLES_DIR
#define VIGIL_SAMPLES_DIR "exam/samples"
#endif

namespace vigil::console::app {

namespace {

// The demo's people. Printed at the end: a newcomer signs in with them.
const CoordinatorAccount kCoordinator{"COORD-1", "Alex Morgan", "246810", "Workshop-Keys-51"};
const NewInvigilator kInvigilator{"INV-0042", "Sam Carter", "482916", "Brake-Fluid-77", {}, false};
const char* const kSamples[] = {"mot-braking-lighting-tyres", "ev-hybrid-safe-working-l2"};
// Today's demo session: two candidates on the MOT paper at the two demo PCs.
const char* const kDemoRoom = "Workshop 2";
struct DemoSeat {
    const char* seat;
    const char* candidate;
    const char* registration;
};
const DemoSeat kDemoSeats[] = {{"PC07", "Jordan Ellis", "AB123456"},
                               {"PC08", "Priya Shah", "CD234567"}};

int fail(const std::string& what) {
    std::fprintf(stderr, "vigil-console init-demo: %s\n", what.c_str());
    return 1;
}

bool makeFolder(const std::filesystem::path& folder) {
    return ::mkdir(folder.c_str(), 0700) == 0 || errno == EEXIST;
}

// A session today in the demo room (made on every run that finds none, so `setup.sh run` on
// another day still has one): INV-0042 invigilates, the MOT sample is its paper, each demo
// candidate is seated at a demo PC. The PCs are enrolled later, by their fingerprints.
int ensureTodaysSession(ConsoleService& service, const SignedIn& coordinator) {
    const QDateTime now = QDateTime::currentDateTime().toTimeZone(
        QTimeZone(QByteArray::fromStdString(service.centre().timeZone())));
    const std::string today = now.date().toString(Qt::ISODate).toStdString();
    for (const auto& session : service.sessions().list(coordinator)) {
        if (session.date == today && session.room == kDemoRoom &&
            session.state != SessionState::Closed) {
            std::printf("demo session %s today in %s\n", session.id.c_str(), kDemoRoom);
            return 0;
        }
    }
    std::string motDigest;
    std::string motId;
    for (const auto& package : service.packages().packages(coordinator)) {
        if (package.metadata.id.rfind("MOT", 0) == 0) {
            motDigest = package.digest;
            motId = package.metadata.id;
        }
    }
    if (motDigest.empty()) {
        return fail("the MOT sample package is not imported");
    }
    SessionPlan plan;
    plan.room = kDemoRoom;
    plan.date = today;
    // On the quarter hour just gone: the demo can start at once.
    const QTime start(now.time().hour(), now.time().minute() / 15 * 15);
    plan.startTime = start.toString(QStringLiteral("HH:mm")).toStdString();
    plan.invigilators = {{kInvigilator.userId, {}}};
    plan.packageDigests = {motDigest};
    auto session = service.planner().create(coordinator, plan);
    if (!session) {
        return fail(describe(session.error()));
    }
    const std::string sessionId = session.value().id;
    auto desk = service.openSession(coordinator, sessionId);
    if (!desk) {
        return fail(describe(desk.error()));
    }
    std::vector<std::string> seats;
    for (const auto& demo : kDemoSeats) {
        seats.emplace_back(demo.seat);
    }
    if (auto created = desk.value().seating().createPlan(sessionId, 1, 2, seats); !created) {
        return fail(std::string(describe(created.error())));
    }
    for (const auto& demo : kDemoSeats) {
        auto added =
            desk.value().candidates().add(sessionId, {demo.candidate, demo.registration, {}});
        if (!added) {
            return fail(std::string(describe(added.error())));
        }
        auto seated = desk.value().assign(demo.seat, demo.registration, motId);
        if (!seated) {
            return fail(seated.error().explanation);
        }
    }
    std::printf("demo session %s today at %s in %s: %s %s, %s %s\n", sessionId.c_str(),
                plan.startTime.c_str(), kDemoRoom, kDemoSeats[0].seat, kDemoSeats[0].candidate,
                kDemoSeats[1].seat, kDemoSeats[1].candidate);
    return 0;
}

void printCredentials(const std::filesystem::path& root) {
    std::printf("demo centre C0451 in %s\n", (root / "data").c_str());
    std::printf("  centre coordinator: user %s, PIN %s, password %s\n", kCoordinator.userId.c_str(),
                kCoordinator.pin.c_str(), kCoordinator.password.c_str());
    std::printf("  invigilator:        user %s, PIN %s, password %s\n", kInvigilator.userId.c_str(),
                kInvigilator.pin.c_str(), kInvigilator.password.c_str());
    std::printf("  console key (verify-record --console-key): %s\n",
                (root / "keys/console-signing.pub").c_str());
    std::printf("run: vigil-console --data-dir %s\n", (root / "data").c_str());
}

} // namespace

int initDemoCommand(const QStringList& arguments) {
    std::filesystem::path samples = VIGIL_SAMPLES_DIR;
    std::filesystem::path root;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        if (arguments[i] == QLatin1String("--samples") && i + 1 < arguments.size()) {
            samples = arguments[++i].toStdString();
        } else if (root.empty() && !arguments[i].startsWith(QLatin1String("--"))) {
            root = arguments[i].toStdString();
        } else {
            root.clear();
            break;
        }
    }
    if (root.empty()) {
        std::fprintf(stderr, "usage: vigil-console init-demo DIR [--samples DIR]\n");
        return 2;
    }
    const auto keys = root / "keys";
    const auto packages = root / "packages";
    if (!makeFolder(root) || !makeFolder(keys) || !makeFolder(packages)) {
        return fail(root.string() + ": cannot create the demo's folders: " + std::strerror(errno));
    }

    const exam::SystemClock clock;
    auto opened = ConsoleService::open(ConsoleDataDir(root / "data"), clock);
    if (!opened) {
        return fail(describe(opened.error()));
    }
    auto& service = *opened.value();
    if (service.hasCentre()) {
        // Run again (setup.sh run is idempotent): the demo is there, its people unchanged.
        std::printf("the demo centre already exists\n");
        auto coordinator =
            service.signIn(kCoordinator.userId, kCoordinator.pin, kCoordinator.password);
        if (!coordinator) {
            return fail(describe(coordinator.error()));
        }
        if (const int status = ensureTodaysSession(service, coordinator.value()); status != 0) {
            return status;
        }
        printCredentials(root);
        return 0;
    }

    // A demo awarding body: in a real centre its keys never come near the console.
    const auto awardingBody = crypto::generateSigningKeyPair();
    const auto awardingBodyBox = crypto::generateBoxKeyPair();
    if (!crypto::saveSigningKeyPair(keys / "awarding-body.sk", awardingBody) ||
        !crypto::saveSigningPublicKey(keys / "awarding-body.pub", awardingBody.publicKey) ||
        !crypto::saveBoxKeyPair(keys / "awarding-body-box.sk", awardingBodyBox) ||
        !crypto::saveBoxPublicKey(keys / "awarding-body-box.pub", awardingBodyBox.publicKey)) {
        return fail(keys.string() + ": cannot write the awarding body's keys");
    }

    CentreSetup setup;
    setup.centreId = "C0451";
    setup.centreName = "Northfield Motor Training Centre";
    setup.awardingBodySigningKeyFile = keys / "awarding-body.pub";
    setup.awardingBodyBoxKeyFile = keys / "awarding-body-box.pub";
    setup.coordinator = kCoordinator;
    if (auto created = service.createCentre(setup); !created) {
        return fail(describe(created.error()));
    }
    if (!crypto::saveSigningPublicKey(keys / "console-signing.pub",
                                      service.centre().signingKeys().publicKey)) {
        return fail(keys.string() + ": cannot write the console's public key");
    }
    auto coordinator = service.signIn(kCoordinator.userId, kCoordinator.pin, kCoordinator.password);
    if (!coordinator) {
        return fail(describe(coordinator.error()));
    }
    if (auto added = service.users().addInvigilator(coordinator.value(), kInvigilator); !added) {
        return fail(describe(added.error()));
    }

    for (const char* sample : kSamples) {
        const auto imported = exam::importQtiPackage(samples / sample);
        if (!imported.assessment) {
            return fail((samples / sample).string() + ": " +
                        (imported.problems.empty() ? std::string("not an assessment")
                                                   : exam::formatProblem(imported.problems[0])));
        }
        auto built = exam::buildPackage(*imported.assessment, awardingBody,
                                        {{setup.centreId, service.centre().boxKeys().publicKey}});
        if (!built) {
            return fail(std::string(sample) + ": " + std::string(exam::describe(built.error())));
        }
        const auto file = packages / (std::string(sample) + ".vigil");
        if (!exam::writePackageFile(file, built.value())) {
            return fail(file.string() + ": cannot write the package");
        }
        auto package = service.packages().import(coordinator.value(), file);
        if (!package) {
            return fail(describe(package.error()));
        }
        std::printf("assessment %s: %s\n", package.value().metadata.id.c_str(),
                    package.value().metadata.title.c_str());
    }
    if (const int status = ensureTodaysSession(service, coordinator.value()); status != 0) {
        return status;
    }
    printCredentials(root);
    return 0;
}

} // namespace vigil::console::app
