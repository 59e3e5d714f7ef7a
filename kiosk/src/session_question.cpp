// The session's question screens: the question shown, answers, flags, navigation, review and
// submission. What they show is read by question_view.h's plain functions; this file turns the
// candidate's actions into the sitting's durable operations and the screens' signals.
#include "session_guarded.h"
#include "vigil/kiosk/question_view.h"
#include "vigil/kiosk/reading_text.h"

namespace vigil::kiosk {

namespace {

QVariantList toVariantList(const std::vector<int>& numbers) {
    QVariantList out;
    for (const int number : numbers) {
        out.append(number);
    }
    return out;
}

} // namespace

// ---- what the question screens show: the presented question (refreshQuestion), which is the
// sitting's own except for the one event-loop turn after a move (goTo)

int SessionController::position() const {
    if (!sitting_) {
        return 0;
    }
    return presentedPosition_ >= 0 ? presentedPosition_ : sitting_->position();
}
QString SessionController::questionHeading() const {
    return sitting_ ? tr("Question %1 of %2").arg(position() + 1).arg(questionCount()) : QString();
}
const exam::Item* SessionController::currentItem() const {
    return sitting_ ? itemAt(*sitting_, position()) : nullptr;
}
bool SessionController::multipleResponse() const {
    const auto* item = currentItem();
    return item && item->cardinality == exam::Cardinality::Multiple;
}
bool SessionController::currentFlagged() const {
    const auto* item = currentItem();
    return item && sitting_->isFlagged(item->identifier);
}
bool SessionController::canGoBack() const {
    return position() > 0 && !linearNavigation();
}
bool SessionController::canGoForward() const {
    return position() + 1 < questionCount();
}
int SessionController::unansweredCount() const {
    return sitting_ ? sitting_->unansweredCount() : 0;
}
QVariantList SessionController::unansweredNumbers() const {
    return sitting_ ? toVariantList(kiosk::unansweredNumbers(*sitting_)) : QVariantList();
}
QVariantList SessionController::flaggedNumbers() const {
    return sitting_ ? toVariantList(kiosk::flaggedNumbers(*sitting_)) : QVariantList();
}

// ---- the candidate's actions

void SessionController::start() {
    if (!offers(ScreenEvent::Start)) {
        return;
    }
    if (guarded([&] { sitting_->start(); })) {
        enterQuestion(ScreenEvent::Start);
    }
}

void SessionController::enterQuestion(ScreenEvent event) {
    palette_.reset(paletteEntries(*sitting_), sitting_->position());
    refreshQuestion();
    refreshTime();
    emit sittingChanged();
    follow(event);
}

void SessionController::refreshQuestion() {
    questionPending_ = false;
    if (!sitting_) {
        return;
    }
    presentedPosition_ = sitting_->position();
    const auto* item = currentItem();
    if (!item) {
        return;
    }
    questionText_ = questionHtml(*item);
    choiceHint_ = kiosk::choiceHint(*item);
    questionReadingText_ = readingText(QString::fromStdString(item->bodyHtml + item->promptHtml));
    choices_.setRows(choiceRows(*sitting_, presentedPosition_, *item));
    reader_.questionChanged();
    palette_.setCurrent(presentedPosition_);
    emit questionChanged();
    emit answersChanged();
}

void SessionController::presentQuestionLater() {
    if (questionPending_) {
        return;
    }
    questionPending_ = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (questionPending_) {
                refreshQuestion();
            }
        },
        Qt::QueuedConnection);
}

void SessionController::forgetPresentedQuestion() {
    questionPending_ = false;
    presentedPosition_ = -1;
    questionText_.clear();
    choiceHint_.clear();
    questionReadingText_.clear();
}

void SessionController::refreshAnswers() {
    const auto* item = currentItem();
    if (!item) {
        return;
    }
    std::vector<QString> selected;
    for (const auto& id : sitting_->answerOf(item->identifier)) {
        selected.push_back(QString::fromStdString(id));
    }
    choices_.setSelection(selected);
    palette_.setEntry(position(), {!selected.empty(), sitting_->isFlagged(item->identifier)});
    emit answersChanged();
}

// An answer, a flag or a problem report is for the question on the screen (currentItem(), the
// presented one): a click that comes in the turn before a move is presented is the candidate's
// answer to the question they see, never to the one the move leads to.
void SessionController::setChoice(const QString& identifier, bool selected) {
    const auto* item = currentItem();
    if (screen() != Screen::Question || !item) {
        return;
    }
    const auto edit =
        editAnswer(*item, sitting_->answerOf(item->identifier), identifier.toStdString(), selected);
    if (edit.kind == AnswerEdit::Kind::Keep) {
        refreshAnswers();
        return;
    }
    QString message;
    if (edit.kind == AnswerEdit::Kind::OverMaximum) {
        message = tr("You can choose up to %1 answers. Untick one first.").arg(item->maxChoices);
    } else {
        guarded([&] { sitting_->answer(item->identifier, edit.answer); });
    }
    if (message != answerMessage_) {
        answerMessage_ = message;
        emit answerMessageChanged();
    }
    refreshAnswers();
}

void SessionController::goTo(int target) {
    if (!sitting_ || target < 0 || target >= questionCount() ||
        !offers(ScreenEvent::GoToQuestion)) {
        return;
    }
    // The move is durable before this returns (the console's replica must never see a journal
    // that later differs, bench/README.md "question_switch"). Laying the new question's rich text
    // out is not: on the question screen it is presented on the event loop's next turn, before
    // the frame, so the candidate's click returns at once and moves made in one turn are laid
    // out once. From another screen (the review's list) it is presented with the screen.
    if (target != sitting_->position() && !guarded([&] { sitting_->goTo(target); })) {
        return;
    }
    if (screen() == Screen::Question) {
        presentQuestionLater();
    } else {
        refreshQuestion();
    }
    follow(ScreenEvent::GoToQuestion);
}

// From the sitting's own position: a second Next pressed before the first is presented moves on
// again, as the candidate pressed it twice.
void SessionController::next() {
    if (sitting_ && sitting_->position() + 1 < questionCount()) {
        goTo(sitting_->position() + 1);
    }
}

void SessionController::previous() {
    if (sitting_ && sitting_->position() > 0 && !linearNavigation()) {
        goTo(sitting_->position() - 1);
    }
}

void SessionController::toggleFlag() {
    const auto* item = currentItem();
    if (screen() != Screen::Question || !item) {
        return;
    }
    guarded([&] { sitting_->setFlag(item->identifier, !sitting_->isFlagged(item->identifier)); });
    refreshAnswers();
}

void SessionController::openReview() {
    if (offers(ScreenEvent::OpenReview)) {
        emit answersChanged();
        follow(ScreenEvent::OpenReview);
    }
}

void SessionController::closeReview() {
    follow(ScreenEvent::CloseReview);
}

void SessionController::requestSubmit() {
    if (!follow(ScreenEvent::RequestSubmit)) {
        return;
    }
    submitStage_ = 1;
    emit submitStageChanged();
    emit answersChanged();
}

void SessionController::confirmSubmit() {
    if (screen() != Screen::SubmitConfirm) {
        return;
    }
    if (submitStage_ == 1) {
        follow(ScreenEvent::ConfirmSubmitOnce);
        submitStage_ = 2;
        emit submitStageChanged();
        return;
    }
    const int unanswered = sitting_->unansweredCount();
    if (guarded([&] {
            sitting_->submit(unanswered > 0 ? std::optional<int>(unanswered) : std::nullopt);
        })) {
        issueResult();
    }
}

void SessionController::cancelSubmit() {
    follow(ScreenEvent::CancelSubmit);
}

bool SessionController::reportProblem(const QString& description) {
    if (screen() != Screen::Question || !sitting_) {
        return false;
    }
    const QString text = description.trimmed().left(500);
    if (text.isEmpty()) {
        problemReportStatus_ = tr("Please describe the problem in a few words.");
        emit problemReportChanged();
        return false;
    }
    // Question number, assessment id and the candidate's words: never the question itself.
    const std::string detail = "question " + std::to_string(position() + 1) + " of " +
                               services_.seat->assessment.metadata.id + ": " + text.toStdString();
    bool ok = false;
    try {
        log("question-problem", "candidate", detail);
        ok = noteIncident("problem reported with " + detail, "candidate");
    } catch (const store::StoreError& error) {
        emit failure(QString::fromUtf8(error.what()));
    }
    problemReportStatus_ = ok ? tr("Thank you. The invigilator has been told.")
                              : tr("The report could not be saved. Please tell the invigilator.");
    emit problemReportChanged();
    return ok;
}

} // namespace vigil::kiosk
