#include "vigil/kiosk/practice_controller.h"

#include "vigil/kiosk/question_view.h"
#include "vigil/kiosk/reading_text.h"

#include <QJSEngine>
#include <QRegularExpression>
#include <algorithm>

namespace vigil::kiosk {

namespace {

PracticeController* g_practice = nullptr;

QString practiceText(const std::string& text) {
    return QString::fromStdString(text);
}

QString choiceLetter(std::size_t index) {
    return QString(QChar(u'A' + char16_t(index)));
}

QString statusKey(PracticeStatus status) {
    switch (status) {
    case PracticeStatus::NotAttempted:
        return QStringLiteral("not-attempted");
    case PracticeStatus::Attempted:
        return QStringLiteral("attempted");
    case PracticeStatus::Passed:
        return QStringLiteral("passed");
    case PracticeStatus::NeedsMoreWork:
        return QStringLiteral("needs-more-work");
    }
    return {};
}

QString formatNumber(double value) {
    return QString::number(value, 'g', 6);
}

} // namespace

PracticeController::PracticeController(store::Database& db, const exam::Clock& clock,
                                       PracticeSet set, QString seatLabel, QObject* parent)
    : QObject(parent)
    , db_(db)
    , clock_(clock)
    , set_(std::move(set))
    , seatLabel_(std::move(seatLabel)) {}

void PracticeController::setInstance(PracticeController* instance) {
    g_practice = instance;
}

PracticeController* PracticeController::create(QQmlEngine*, QJSEngine*) {
    Q_ASSERT(g_practice);
    QJSEngine::setObjectOwnership(g_practice, QJSEngine::CppOwnership);
    return g_practice;
}

QString PracticeController::centreName() const {
    return set_.quizzes.empty() ? QString() : practiceText(set_.quizzes.front().centreName);
}

QString PracticeController::candidateName() const {
    return candidate_ ? practiceText(candidate_->name) : QString();
}

QString PracticeController::registrationNumber() const {
    return candidate_ ? practiceText(candidate_->registrationNumber) : QString();
}

PracticeStatus PracticeController::status(int quizIndex) const {
    if (!candidate_ || quizIndex < 0 || std::size_t(quizIndex) >= set_.quizzes.size()) {
        return PracticeStatus::NotAttempted;
    }
    return PracticeProgress(db_).status(candidate_->registrationNumber,
                                        set_.quizzes[std::size_t(quizIndex)].quiz.metadata.id);
}

QVariantList PracticeController::quizzes() const {
    QVariantList list;
    for (std::size_t i = 0; i < set_.quizzes.size(); ++i) {
        const auto& metadata = set_.quizzes[i].quiz.metadata;
        const auto state = status(int(i));
        list.append(QVariantMap{
            {QStringLiteral("title"), practiceText(metadata.title)},
            {QStringLiteral("facts"),
             (metadata.itemCount == 1 ? tr("1 question")
                                      : tr("%1 questions").arg(metadata.itemCount)) +
                 tr(", pass mark %1%").arg(formatNumber(metadata.passMarkPercent))},
            {QStringLiteral("status"), QString::fromLatin1(label(state))},
            {QStringLiteral("statusKey"), statusKey(state)},
        });
    }
    return list;
}

QVariantList PracticeController::refusedQuizzes() const {
    QVariantList list;
    for (const auto& refused : set_.refused) {
        list.append(QVariantMap{
            {QStringLiteral("file"), practiceText(refused.file.filename().string())},
            {QStringLiteral("reason"), refused.reason},
        });
    }
    return list;
}

bool PracticeController::signIn(const QString& name, const QString& registrationNumber) {
    const QString trimmedName = name.simplified();
    const QString trimmedNumber = registrationNumber.trimmed().toUpper();
    static const QRegularExpression numberPattern(QStringLiteral("^[A-Z0-9-]{1,32}$"));
    if (trimmedName.isEmpty() || trimmedName.size() > 100) {
        signInMessage_ = tr("Enter your name as it is on your registration.");
    } else if (!numberPattern.match(trimmedNumber).hasMatch()) {
        signInMessage_ = tr("Enter your registration number: letters and digits, as it is on "
                            "your registration.");
    } else {
        candidate_ = PracticeCandidate{trimmedName.toStdString(), trimmedNumber.toStdString()};
        signInMessage_.clear();
        emit candidateChanged();
        emit progressChanged();
        setScreen(Screen::Quizzes);
        return true;
    }
    emit candidateChanged();
    return false;
}

void PracticeController::signOut() {
    candidate_.reset();
    leaveQuiz();
    accessibility_.resetToStandard();
    signInMessage_.clear();
    emit candidateChanged();
    emit progressChanged();
    emit quizChanged();
    setScreen(Screen::SignIn);
}

void PracticeController::startQuiz(int quizIndex) {
    if (!candidate_ || quizIndex < 0 || std::size_t(quizIndex) >= set_.quizzes.size()) {
        return;
    }
    quiz_ = std::size_t(quizIndex);
    // Quizzes may name different images by the same path: only this quiz's are served.
    media_->replaceAll(mediaEntriesOf(set_.quizzes[*quiz_].quiz.media));
    answers_.clear();
    marked_.reset();
    question_ = 0;
    // Written before the first question shows: a quiz left or interrupted reads "Attempted".
    attemptId_ = PracticeProgress(db_).start(*candidate_, set_.quizzes[*quiz_].quiz.metadata.id,
                                             clock_.wallNowMs());
    emit quizChanged();
    refreshChoices();
    emit questionChanged();
    emit progressChanged();
    setScreen(Screen::Question);
}

const exam::Item& PracticeController::currentItem() const {
    return set_.quizzes.at(*quiz_).quiz.items.at(question_);
}

QString PracticeController::quizTitle() const {
    return quiz_ ? practiceText(set_.quizzes[*quiz_].quiz.metadata.title) : QString();
}

QString PracticeController::questionHeading() const {
    if (!quiz_) {
        return {};
    }
    return tr("Question %1 of %2").arg(question_ + 1).arg(set_.quizzes[*quiz_].quiz.items.size());
}

QString PracticeController::questionHtml() const {
    return quiz_ ? kiosk::questionHtml(currentItem()) : QString();
}

QString PracticeController::questionReadingText() const {
    if (!quiz_) {
        return {};
    }
    const auto& item = currentItem();
    return readingText(practiceText(item.bodyHtml + item.promptHtml));
}

QString PracticeController::choiceHint() const {
    return quiz_ ? kiosk::choiceHint(currentItem()) : QString();
}

bool PracticeController::multipleResponse() const {
    return quiz_ && currentItem().cardinality == exam::Cardinality::Multiple;
}

void PracticeController::refreshChoices() {
    std::vector<ChoiceModel::Row> rows;
    if (quiz_) {
        const auto& item = currentItem();
        const auto given = answers_.find(item.identifier);
        for (const auto& choice : item.choices) {
            const bool selected =
                given != answers_.end() && std::find(given->second.begin(), given->second.end(),
                                                     choice.identifier) != given->second.end();
            rows.push_back({practiceText(choice.identifier),
                            routeImagesToProvider(practiceText(choice.contentHtml)), selected});
        }
    }
    choices_.setRows(std::move(rows));
}

bool PracticeController::hasNext() const {
    return quiz_ && question_ + 1 < set_.quizzes[*quiz_].quiz.items.size();
}

int PracticeController::unansweredCount() const {
    if (!quiz_) {
        return 0;
    }
    const auto& items = set_.quizzes[*quiz_].quiz.items;
    return int(std::count_if(items.begin(), items.end(), [this](const exam::Item& item) {
        const auto given = answers_.find(item.identifier);
        return given == answers_.end() || given->second.empty();
    }));
}

void PracticeController::choose(int choiceIndex) {
    if (!quiz_ || screen_ != Screen::Question) {
        return;
    }
    const auto& item = currentItem();
    if (choiceIndex < 0 || std::size_t(choiceIndex) >= item.choices.size()) {
        return;
    }
    const auto& id = item.choices[std::size_t(choiceIndex)].identifier;
    auto& chosen = answers_[item.identifier];
    if (const auto found = std::find(chosen.begin(), chosen.end(), id); found != chosen.end()) {
        chosen.erase(found); // a second tick takes the answer back
    } else if (item.cardinality == exam::Cardinality::Single) {
        chosen = {id};
    } else if (item.maxChoices == 0 || int(chosen.size()) < item.maxChoices) {
        chosen.push_back(id);
    }
    refreshChoices();
    emit questionChanged();
}

void PracticeController::previous() {
    if (hasPrevious()) {
        --question_;
        refreshChoices();
        emit questionChanged();
    }
}

void PracticeController::next() {
    if (hasNext()) {
        ++question_;
        refreshChoices();
        emit questionChanged();
    }
}

void PracticeController::submit() {
    if (!quiz_ || screen_ != Screen::Question) {
        return;
    }
    marked_ = markPracticeQuiz(set_.quizzes[*quiz_].quiz, answers_);
    PracticeProgress(db_).submit(attemptId_, marked_->summary.score, marked_->summary.maxScore,
                                 marked_->summary.passed, clock_.wallNowMs());
    emit quizChanged();
    emit progressChanged();
    setScreen(Screen::Feedback);
}

void PracticeController::leaveQuiz() {
    quiz_.reset();
    marked_.reset();
    answers_.clear();
    media_->clear();
    refreshChoices();
}

void PracticeController::backToQuizzes() {
    leaveQuiz();
    emit quizChanged();
    emit questionChanged();
    emit progressChanged();
    setScreen(candidate_ ? Screen::Quizzes : Screen::SignIn);
}

QString PracticeController::scoreText() const {
    if (!marked_) {
        return {};
    }
    const auto& summary = marked_->summary;
    return tr("Score: %1 out of %2 (%3%)")
        .arg(formatNumber(summary.score), formatNumber(summary.maxScore),
             QString::number(summary.percentage, 'f', 0));
}

QString PracticeController::outcomeText() const {
    if (!marked_ || !quiz_) {
        return {};
    }
    const auto mark = formatNumber(set_.quizzes[*quiz_].quiz.metadata.passMarkPercent);
    return marked_->summary.passed
               ? tr("Passed: at or above the pass mark of %1%.").arg(mark)
               : tr("Needs more work: the pass mark is %1%. Read the answers below and try "
                    "again.")
                     .arg(mark);
}

QString PracticeController::choiceText(const exam::Item& item,
                                       const std::vector<std::string>& ids) const {
    QStringList parts;
    for (std::size_t i = 0; i < item.choices.size(); ++i) {
        if (std::find(ids.begin(), ids.end(), item.choices[i].identifier) != ids.end()) {
            parts << choiceLetter(i) + QStringLiteral(". ") +
                         practiceText(item.choices[i].contentHtml);
        }
    }
    return parts.join(QStringLiteral("<br/>"));
}

QVariantList PracticeController::review() const {
    QVariantList list;
    if (!marked_) {
        return list;
    }
    for (std::size_t i = 0; i < marked_->questions.size(); ++i) {
        const auto& question = marked_->questions[i];
        const auto& item = *question.item;
        QStringList feedback;
        for (const auto& html : question.feedbackHtml) {
            feedback << practiceText(html);
        }
        const QString questionBody = practiceText(item.bodyHtml);
        const QString yourAnswer = question.chosen.empty()
                                       ? tr("You did not answer this question.").toHtmlEscaped()
                                       : choiceText(item, question.chosen);
        const QString rightAnswer = choiceText(item, question.correctChoices);
        const QString feedbackHtml = feedback.join(QString());
        list.append(QVariantMap{
            {QStringLiteral("heading"), tr("Question %1: %2")
                                            .arg(i + 1)
                                            .arg(question.correct ? tr("right") : tr("not right"))},
            {QStringLiteral("correct"), question.correct},
            {QStringLiteral("questionHtml"), routeImagesToProvider(questionBody)},
            {QStringLiteral("questionReading"), readingText(questionBody)},
            {QStringLiteral("yourAnswer"), routeImagesToProvider(yourAnswer)},
            {QStringLiteral("yourAnswerReading"), readingText(yourAnswer)},
            {QStringLiteral("rightAnswer"), routeImagesToProvider(rightAnswer)},
            {QStringLiteral("rightAnswerReading"), readingText(rightAnswer)},
            {QStringLiteral("feedbackHtml"), routeImagesToProvider(feedbackHtml)},
            {QStringLiteral("feedbackReading"), readingText(feedbackHtml)},
        });
    }
    return list;
}

void PracticeController::setScreen(Screen screen) {
    if (screen_ != screen) {
        screen_ = screen;
        emit screenChanged();
    }
}

} // namespace vigil::kiosk
