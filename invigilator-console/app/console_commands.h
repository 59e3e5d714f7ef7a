#pragma once

#include <QStringList>
#include <filesystem>

// The command-line side of vigil-console: each command prints what a person needs and returns
// the process's exit code (0 done, 1 refused or failed, 2 wrong usage).
namespace vigil::console::app {

// Opens the data folder and its store, loads the centre, opens the link on `listen`
// ("ADDRESS:PORT"), prints centre, users, enrolled kiosks and the port. No window.
int selfTest(const std::filesystem::path& dataDir, const QString& listen);

// verify-record FILE --console-key FILE
int verifyRecordCommand(const QStringList& arguments);

// init-demo DIR [--samples DIR]: a demo centre in DIR/data with its awarding body's keys in
// DIR/keys and the sample assessments packed for it and imported.
int initDemoCommand(const QStringList& arguments);

// write-bundle [--data-dir DIR] --user ID DRIVE: the coordinator's outbox written to DRIVE as
// one signed USB bundle, read back and verified. import-receipts [--data-dir DIR] --user ID
// FILE: the receipts file vigil-syncd import-bundle wrote, clearing what it receipts. The PIN
// and password come from VIGIL_PIN_<ID> and VIGIL_PASSWORD_<ID>, or else stdin.
int writeBundleCommand(const QStringList& arguments);
int importReceiptsCommand(const QStringList& arguments);

// fetch-packages [--data-dir DIR] --user ID: the packages the awarding body published for this
// centre on its receiver, each verified and imported (as the Outbox screen's "Get packages
// from the awarding body"); the same sign-in as write-bundle. Exit 1 when any was refused or
// not fetched.
int fetchPackagesCommand(const QStringList& arguments);

// "0.0.0.0:47100" -> address and port; false when it is not one.
bool parseListen(const QString& text, std::string& address, std::uint16_t& port);

} // namespace vigil::console::app
