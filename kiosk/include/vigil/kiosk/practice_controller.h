#pragma once

#include "vigil/exam/clock.h"
#include "vigil/exam/scoring.h"
#include "vigil/kiosk/accessibility_settings.h"
#include "vigil/kiosk/choice_model.h"
#include "vigil/kiosk/item_image_provider.h"
#include "vigil/kiosk/practice_marking.h"
#include "vigil/kiosk/practice_palette.h"
#include "vigil/kiosk/practice_progress.h"
#include "vigil/kiosk/practice_set.h"
#include "vigil/store/database.h"

#include <QObject>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <memory>
#include <optional>

class QQmlEngine;
class QJSEngine;

namespace vigil::kiosk {

// A practice seat's one surface for QML (the `Practice` singleton), as SessionController is an
// assessment seat's: the candidate says who they are (no invigilator), picks a quiz from the
// seat's practice set, answers it, submits and sees which answers were right with the items'
// feedback. Every decision is here or below (PracticeProgress, markPracticeQuiz); the screens
// (PracticeScreens.qml) only show and call. Nothing here writes a sitting, a journal event or
// a result record: practice attempts live in their own table (practice_progress.h).
class PracticeController : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(Practice)
    QML_SINGLETON

    Q_PROPERTY(Screen screen READ screen NOTIFY screenChanged)
    // The candidate's text size and colours, chosen on every practice screen (a practice seat
    // has no assignment to start them from; each candidate starts from the standard ones), and
    // the practice screens' palette that follows them while keeping practice's banner and
    // accent (practice_palette.h).
    Q_PROPERTY(vigil::kiosk::AccessibilitySettings* accessibility READ accessibility CONSTANT)
    Q_PROPERTY(vigil::kiosk::PracticePalette* look READ look CONSTANT)
    Q_PROPERTY(QString centreName READ centreName CONSTANT)
    Q_PROPERTY(QString seatLabel READ seatLabel CONSTANT)
    // Sign-in
    Q_PROPERTY(QString candidateName READ candidateName NOTIFY candidateChanged)
    Q_PROPERTY(QString registrationNumber READ registrationNumber NOTIFY candidateChanged)
    Q_PROPERTY(QString signInMessage READ signInMessage NOTIFY candidateChanged)
    // Quiz list: each {title, facts, status, statusKey}; refused: each {file, reason}
    Q_PROPERTY(QVariantList quizzes READ quizzes NOTIFY progressChanged)
    Q_PROPERTY(QVariantList refusedQuizzes READ refusedQuizzes CONSTANT)
    // Question
    Q_PROPERTY(QString quizTitle READ quizTitle NOTIFY quizChanged)
    Q_PROPERTY(QString questionHeading READ questionHeading NOTIFY questionChanged)
    // Item content is shown as an assessment's question screen shows it (question_view.h): rich
    // text whose images come from the quiz's media in memory (mediaLibrary()), and a screen
    // reader's plain sentences beside each piece (reading_text.h), never its markup.
    Q_PROPERTY(QString questionHtml READ questionHtml NOTIFY questionChanged)
    Q_PROPERTY(QString questionReadingText READ questionReadingText NOTIFY questionChanged)
    Q_PROPERTY(QString choiceHint READ choiceHint NOTIFY questionChanged)
    // Several answers may be ticked (check boxes), or one only (radio buttons): what a screen
    // reader announces each answer as.
    Q_PROPERTY(bool multipleResponse READ multipleResponse NOTIFY questionChanged)
    // The question's answers in the item's order, as the assessment's (choice_model.h): updated
    // in place, so ticking one keeps its control, and with it the keyboard focus.
    Q_PROPERTY(vigil::kiosk::ChoiceModel* choices READ choices CONSTANT)
    Q_PROPERTY(bool hasPrevious READ hasPrevious NOTIFY questionChanged)
    Q_PROPERTY(bool hasNext READ hasNext NOTIFY questionChanged)
    Q_PROPERTY(int unansweredCount READ unansweredCount NOTIFY questionChanged)
    // Feedback, after submitting
    Q_PROPERTY(QString scoreText READ scoreText NOTIFY quizChanged)
    Q_PROPERTY(QString outcomeText READ outcomeText NOTIFY quizChanged)
    Q_PROPERTY(bool passed READ passed NOTIFY quizChanged)
    // Each {heading, correct, and as rich text with its reading beside it: questionHtml /
    // questionReading, yourAnswer / yourAnswerReading, rightAnswer / rightAnswerReading,
    // feedbackHtml / feedbackReading}
    Q_PROPERTY(QVariantList review READ review NOTIFY quizChanged)

public:
    enum class Screen { SignIn, Quizzes, Question, Feedback };
    Q_ENUM(Screen)

    PracticeController(store::Database& db, const exam::Clock& clock, PracticeSet set,
                       QString seatLabel, QObject* parent = nullptr);

    static void setInstance(PracticeController* instance);
    static PracticeController* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

    [[nodiscard]] Screen screen() const { return screen_; }
    [[nodiscard]] AccessibilitySettings* accessibility() { return &accessibility_; }
    [[nodiscard]] PracticePalette* look() { return &look_; }
    [[nodiscard]] QString centreName() const;
    [[nodiscard]] QString seatLabel() const { return seatLabel_; }
    [[nodiscard]] QString candidateName() const;
    [[nodiscard]] QString registrationNumber() const;
    [[nodiscard]] QString signInMessage() const { return signInMessage_; }
    [[nodiscard]] QVariantList quizzes() const;
    [[nodiscard]] QVariantList refusedQuizzes() const;
    [[nodiscard]] QString quizTitle() const;
    [[nodiscard]] QString questionHeading() const;
    [[nodiscard]] QString questionHtml() const;
    [[nodiscard]] QString questionReadingText() const;
    [[nodiscard]] QString choiceHint() const;
    [[nodiscard]] bool multipleResponse() const;
    [[nodiscard]] ChoiceModel* choices() { return &choices_; }
    [[nodiscard]] bool hasPrevious() const { return quiz_ && question_ > 0; }
    [[nodiscard]] bool hasNext() const;
    [[nodiscard]] int unansweredCount() const;
    [[nodiscard]] QString scoreText() const;
    [[nodiscard]] QString outcomeText() const;
    [[nodiscard]] bool passed() const { return marked_ && marked_->summary.passed; }
    [[nodiscard]] QVariantList review() const;
    [[nodiscard]] PracticeStatus status(int quizIndex) const;
    // The images of the quiz being taken (none between quizzes), for the image provider
    // (item_image_provider.h) the practice screens' rich text asks.
    [[nodiscard]] std::shared_ptr<const MediaLibrary> mediaLibrary() const { return media_; }

    // The candidate's name and registration number, as on their registration: false, with
    // signInMessage saying what is missing, when either is empty or not plain text.
    Q_INVOKABLE bool signIn(const QString& name, const QString& registrationNumber);
    // Back to sign-in for the next candidate, who starts from the standard text size and
    // colours whatever the last one chose.
    Q_INVOKABLE void signOut();
    Q_INVOKABLE void startQuiz(int quizIndex);
    Q_INVOKABLE void choose(int choiceIndex);
    Q_INVOKABLE void previous();
    Q_INVOKABLE void next();
    Q_INVOKABLE void submit();
    Q_INVOKABLE void backToQuizzes();

signals:
    void screenChanged();
    void candidateChanged();
    void progressChanged();
    void quizChanged();
    void questionChanged();

private:
    void setScreen(Screen screen);
    void leaveQuiz();
    // The answers of the question now shown, and what is ticked, into choices_.
    void refreshChoices();
    [[nodiscard]] const exam::Item& currentItem() const;
    [[nodiscard]] QString choiceText(const exam::Item& item,
                                     const std::vector<std::string>& ids) const;

    store::Database& db_;
    const exam::Clock& clock_;
    PracticeSet set_;
    QString seatLabel_;
    Screen screen_ = Screen::SignIn;
    std::optional<PracticeCandidate> candidate_;
    QString signInMessage_;
    std::optional<std::size_t> quiz_;
    std::int64_t attemptId_ = 0;
    std::size_t question_ = 0;
    exam::Answers answers_;
    ChoiceModel choices_;
    std::optional<MarkedQuiz> marked_;
    std::shared_ptr<MediaLibrary> media_ = std::make_shared<MediaLibrary>();
    AccessibilitySettings accessibility_;
    PracticePalette look_{accessibility_};
};

} // namespace vigil::kiosk
