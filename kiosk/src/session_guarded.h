// SessionController::guarded, shared by the session's source files (session_*.cpp): one place
// turns an engine or store failure into the `failure` signal the invigilator sees.
#pragma once

#include "vigil/kiosk/session_controller.h"
#include "vigil/store/store_error.h"

namespace vigil::kiosk {

template <class Action> bool SessionController::guarded(Action&& action) {
    try {
        action();
        emit journalAppended();
        return true;
    } catch (const exam::SittingError& error) {
        if (error.code() == exam::SittingErrorCode::TimeUp) {
            issueResult();
            return false;
        }
        emit failure(QString::fromUtf8(error.what()));
    } catch (const store::StoreError& error) {
        emit failure(tr("The kiosk could not save: %1").arg(QString::fromUtf8(error.what())));
    }
    return false;
}

} // namespace vigil::kiosk
