#include "vigil/console/console_error.h"

namespace vigil::console {

std::string_view describe(ConsoleError error) noexcept {
    switch (error) {
    case ConsoleError::WrongStoreKey:
        return "the console's store cannot be opened with this key: use the centre's store key, "
               "never set the centre up again over it";
    case ConsoleError::StoreUnavailable:
        return "the console's store cannot be used";
    case ConsoleError::CentreExists:
        return "this console already holds a centre; it is set up once";
    case ConsoleError::NoCentre:
        return "this console holds no centre yet: set the centre up first";
    case ConsoleError::InvalidCentre:
        return "the centre's details cannot be used";
    case ConsoleError::AwardingBodyKeyUnreadable:
        return "the awarding body's public key file cannot be read";
    case ConsoleError::WrongCredentials:
        return "that PIN and password do not match this user";
    case ConsoleError::LoginWaiting:
        return "too many wrong attempts: wait before trying again";
    case ConsoleError::AccountLocked:
        return "this account is locked after too many wrong attempts: the centre coordinator "
               "can unlock it";
    case ConsoleError::CoordinatorOnly:
        return "only the centre coordinator may do this";
    case ConsoleError::NotYourSession:
        return "this session is not yours: an invigilator sees only the sessions they invigilate";
    case ConsoleError::InvalidUser:
        return "the user's details cannot be used";
    case ConsoleError::UserExists:
        return "a user with this id already exists";
    case ConsoleError::UnknownUser:
        return "there is no user with this id";
    case ConsoleError::WeakPin:
        return "a PIN is 4 to 12 digits";
    case ConsoleError::WeakPassword:
        return "a password has at least 8 characters and is not the PIN";
    case ConsoleError::ReasonRequired:
        return "say why: the reason is recorded";
    case ConsoleError::NotLocked:
        return "this account is not locked";
    case ConsoleError::PackageRefused:
        return "this file is not an assessment package signed by the awarding body";
    case ConsoleError::PackageNotForCentre:
        return "this assessment package was not issued to this centre";
    case ConsoleError::PackageAlreadyImported:
        return "this assessment package is already imported";
    case ConsoleError::PracticePackage:
        return "this package is a practice quiz: it is never delivered in an invigilated session "
               "(practice quizzes go to kiosks with vigil-pack assign --practice)";
    case ConsoleError::UnknownPackage:
        return "there is no imported assessment package with this digest";
    case ConsoleError::InvalidSession:
        return "the session's details cannot be used";
    case ConsoleError::NoInvigilator:
        return "a session needs at least one invigilator";
    case ConsoleError::NoAssessment:
        return "a session needs at least one assessment";
    case ConsoleError::InvigilatorRefused:
        return "this person may not invigilate this session";
    case ConsoleError::UnknownSession:
        return "there is no session with this id";
    case ConsoleError::WrongSessionState:
        return "the session is not in a state that allows this";
    case ConsoleError::SeatsUnresolved:
        return "the session cannot close while a seat is neither submitted, voided nor explained";
    case ConsoleError::DataFolderUnusable:
        return "the console's data folder or its store key cannot be used";
    case ConsoleError::LinkUnavailable:
        return "the link to the kiosks cannot be started";
    case ConsoleError::EnrolmentRefused:
        return "the kiosk was not enrolled";
    case ConsoleError::ExportFailed:
        return "the invigilation record could not be exported";
    case ConsoleError::NoKioskAtSeat:
        return "no PC is enrolled at this seat: enrol it on the Kiosks screen first";
    case ConsoleError::NoReceiver:
        return "no awarding-body receiver is set up: the coordinator sets its address and key";
    case ConsoleError::InvalidReceiver:
        return "the receiver's host, port or key cannot be used";
    case ConsoleError::BundleFailed:
        return "the outbox could not be written to the drive";
    case ConsoleError::ReceiptsRefused:
        return "the receipts file is refused and nothing was cleared";
    case ConsoleError::PackagesUnavailable:
        return "the packages could not be got from the awarding body";
    }
    return "unknown console error";
}

std::string describe(const ConsoleFailure& failure) {
    std::string text(describe(failure.error));
    if (!failure.detail.empty()) {
        text += ": " + failure.detail;
    }
    return text;
}

} // namespace vigil::console
