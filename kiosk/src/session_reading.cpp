// The session's reading texts (screen readers, the read-aloud) and its computer reader: kept
// apart from session_controller.cpp, which decides the sitting's flow.
#include "vigil/exam/sitting_journal.h"
#include "vigil/kiosk/reading_text.h"
#include "vigil/kiosk/session_controller.h"

#include <algorithm>

namespace vigil::kiosk {

namespace {

// The journal's incident text for the reader's first use in a sitting: the invigilation
// record's "reader used".
constexpr std::string_view kReaderUsedIncident = "reader used";

} // namespace

QString SessionController::questionSummary() const {
    if (!currentItem()) {
        return {};
    }
    return currentFlagged() ? tr("%1, flagged for review").arg(questionHeading())
                            : questionHeading();
}

QString SessionController::timeLeftSpoken() const {
    return tr("Time left: %1").arg(spokenDuration(secondsLeft()));
}

QString SessionController::accessArrangementsText() const {
    if (!services_.seat) {
        return {};
    }
    const auto& options = services_.seat->assignment.accessibility;
    QStringList arrangements;
    if (options.screenReader) {
        arrangements << tr("screen reader");
    }
    if (options.computerReader) {
        arrangements << (reader_.enabled()
                             ? tr("computer reader (read-aloud, keys F2 to F9)")
                             : tr("computer reader (read-aloud) NOT AVAILABLE on this PC: %1")
                                   .arg(reader_.problem()));
    }
    if (options.textScale > 0) {
        arrangements << tr("larger text");
    }
    if (options.overlayColour) {
        arrangements << tr("%1 overlay").arg(QString::fromStdString(*options.overlayColour));
    }
    if (options.extraTimePercent > 0) {
        arrangements << tr("%1% extra time").arg(options.extraTimePercent);
    }
    return arrangements.isEmpty() ? tr("Access arrangements: none")
                                  : tr("Access arrangements: %1").arg(arrangements.join(u", "));
}

void SessionController::setUpReader(std::unique_ptr<SpeechOutput> output) {
    reader_.setUp(true, std::move(output));
    if (!reader_.enabled()) {
        log("computer-reader", "kiosk", "unavailable: " + reader_.problem().toStdString());
    }
    reader_.setSource([this] {
        ReadAloud::Content content;
        if (screen() == Screen::Question && currentItem()) {
            content.heading = questionSummary();
            content.question = questionReadingText();
            content.hint = choiceHint();
            for (int i = 0; i < choices_.rowCount(); ++i) {
                content.choices << choices_.readingTextOf(i);
            }
        }
        if (sitting_) {
            content.timeLeft = timeLeftSpoken();
        }
        return content;
    });
    connect(&reader_, &ReadAloud::used, this, &SessionController::noteReaderUsed);
}

void SessionController::noteReaderUsed() {
    if (!sitting_ || sitting_->state() != exam::SittingState::InProgress) {
        return;
    }
    const auto& events = sitting_->events();
    const bool noted = std::any_of(events.begin(), events.end(), [](const exam::SittingEvent& e) {
        return e.kind == exam::EventKind::IncidentNoted && e.text.starts_with(kReaderUsedIncident);
    });
    if (!noted) {
        noteIncident(std::string(kReaderUsedIncident) +
                         ": computer reader (read-aloud), first used at question " +
                         std::to_string(position() + 1),
                     "candidate");
    }
}

} // namespace vigil::kiosk
