#pragma once

#include "vigil/crypto/login_throttle.h"
#include "vigil/exam/clock.h"
#include "vigil/exam/sitting.h"
#include "vigil/kiosk/accessibility_settings.h"
#include "vigil/kiosk/choice_model.h"
#include "vigil/kiosk/invigilator_login.h"
#include "vigil/kiosk/item_image_provider.h"
#include "vigil/kiosk/kiosk_log.h"
#include "vigil/kiosk/login_flow.h"
#include "vigil/kiosk/question_palette_model.h"
#include "vigil/kiosk/read_aloud.h"
#include "vigil/kiosk/reference_panel.h"
#include "vigil/kiosk/screen_flow.h"
#include "vigil/kiosk/seat_setup.h"
#include "vigil/kiosk/sitting_order.h"
#include "vigil/kiosk/time_left.h"
#include "vigil/lockdown/finding.h"

#include <QObject>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

class QQmlEngine;
class QJSEngine;

namespace vigil::kiosk {

// What the session needs, built by the composition root (main.cpp) or a test.
struct SessionServices {
    store::Database* db = nullptr;
    const exam::Clock* clock = nullptr;
    std::optional<OpenedSeat> seat; // none: setupError says why
    QString setupError;
    crypto::SigningKeyPair kioskKeys; // signs result records
    crypto::BoxPublicKey resultRecipient{};
    // Runs the lockdown layer's machine check; none: no checks on this build of the seat.
    std::function<lockdown::CheckReport()> machineCheck;
    crypto::ThrottlePolicy throttlePolicy{};
    // Signed unlocks of invigilator accounts: the centre key (trust/issuer-signing.pub) and the
    // folder the kiosk reads them from at each login attempt (<data-dir>/unlock).
    std::optional<crypto::SigningPublicKey> unlockIssuer;
    std::filesystem::path unlockDir;
    int resultScreenSeconds = 60; // back to Locked after this long on the result screen
    // The read-aloud's voice, when the seat's arrangement asks for a computer reader; none:
    // the in-process flite engine (makeInProcessSpeechOutput).
    std::function<std::unique_ptr<SpeechOutput>()> speechOutput;
};

// The one adapter between the screens and the sitting engine. Every decision (who may log in,
// what an answer becomes, how much time is left) is made here and in the engine, and which
// screen comes next in screen_flow.h's table; QML shows the properties and calls the
// invokables. Given to QML as the `Session`
// singleton: the instance is built by main (or a test's setup) before QML loads.
class SessionController : public QObject {
    Q_OBJECT
    QML_NAMED_ELEMENT(Session)
    QML_SINGLETON

    Q_PROPERTY(Screen screen READ screen NOTIFY screenChanged)
    Q_PROPERTY(QString setupError READ setupError NOTIFY sittingChanged)
    // Locked screen
    Q_PROPERTY(QString centreName READ centreName NOTIFY seatChanged)
    Q_PROPERTY(QString seatLabel READ seatLabel NOTIFY seatChanged)
    Q_PROPERTY(QString clockText READ clockText NOTIFY clockChanged)
    /// A sitting for this seat was interrupted (crash, power cut) and waits for an invigilator.
    Q_PROPERTY(bool sittingInProgress READ sittingInProgress NOTIFY sittingChanged)
    // Login
    Q_PROPERTY(LoginPurpose loginPurpose READ loginPurpose NOTIFY screenChanged)
    Q_PROPERTY(QString loginMessage READ loginMessage NOTIFY loginChanged)
    Q_PROPERTY(int throttleSecondsLeft READ throttleSecondsLeft NOTIFY loginChanged)
    Q_PROPERTY(QString invigilatorName READ invigilatorName NOTIFY sittingChanged)
    // Machine check
    Q_PROPERTY(QVariantList findings READ findings NOTIFY findingsChanged)
    Q_PROPERTY(bool machineClear READ machineClear NOTIFY findingsChanged)
    // Candidate and assessment
    Q_PROPERTY(QString candidateName READ candidateName NOTIFY seatChanged)
    Q_PROPERTY(QString registrationNumber READ registrationNumber NOTIFY seatChanged)
    Q_PROPERTY(bool hasPhoto READ hasPhoto NOTIFY seatChanged)
    Q_PROPERTY(QString photoSource READ photoSource NOTIFY seatChanged)
    Q_PROPERTY(QString assessmentTitle READ assessmentTitle NOTIFY seatChanged)
    Q_PROPERTY(QString assessmentCode READ assessmentCode NOTIFY seatChanged)
    Q_PROPERTY(QString assessmentId READ assessmentId NOTIFY seatChanged)
    Q_PROPERTY(int durationMinutes READ durationMinutes NOTIFY seatChanged)
    Q_PROPERTY(int extraTimeMinutes READ extraTimeMinutes NOTIFY seatChanged)
    Q_PROPERTY(int questionCount READ questionCount NOTIFY seatChanged)
    Q_PROPERTY(bool calculatorAllowed READ calculatorAllowed NOTIFY seatChanged)
    Q_PROPERTY(QString referenceMaterialNote READ referenceMaterialNote NOTIFY seatChanged)
    // The paper's reference material beside the question; available only where allowed.
    Q_PROPERTY(vigil::kiosk::ReferencePanel* reference READ reference NOTIFY seatChanged)
    Q_PROPERTY(bool linearNavigation READ linearNavigation NOTIFY seatChanged)
    // Question
    Q_PROPERTY(int position READ position NOTIFY questionChanged)
    Q_PROPERTY(QString questionHeading READ questionHeading NOTIFY questionChanged)
    Q_PROPERTY(QString questionText READ questionText NOTIFY questionChanged)
    Q_PROPERTY(bool multipleResponse READ multipleResponse NOTIFY questionChanged)
    Q_PROPERTY(QString choiceHint READ choiceHint NOTIFY questionChanged)
    Q_PROPERTY(bool currentFlagged READ currentFlagged NOTIFY answersChanged)
    Q_PROPERTY(bool canGoBack READ canGoBack NOTIFY questionChanged)
    Q_PROPERTY(bool canGoForward READ canGoForward NOTIFY questionChanged)
    Q_PROPERTY(QString answerMessage READ answerMessage NOTIFY answerMessageChanged)
    Q_PROPERTY(vigil::kiosk::ChoiceModel* choices READ choices CONSTANT)
    Q_PROPERTY(vigil::kiosk::QuestionPaletteModel* palette READ palette CONSTANT)
    Q_PROPERTY(int unansweredCount READ unansweredCount NOTIFY answersChanged)
    Q_PROPERTY(QVariantList unansweredNumbers READ unansweredNumbers NOTIFY answersChanged)
    Q_PROPERTY(QVariantList flaggedNumbers READ flaggedNumbers NOTIFY answersChanged)
    // Timer (decided here; QML only shows it)
    Q_PROPERTY(int secondsLeft READ secondsLeft NOTIFY timeChanged)
    Q_PROPERTY(QString timeLeftText READ timeLeftText NOTIFY timeChanged)
    /// 0 none, 1 ten minutes or less, 2 five minutes or less.
    Q_PROPERTY(int timeWarningLevel READ timeWarningLevel NOTIFY timeChanged)
    /// "10 minutes left" once when the level is reached, for the banner and screen readers.
    Q_PROPERTY(QString timeWarningText READ timeWarningText NOTIFY timeChanged)
    // Submit
    Q_PROPERTY(int submitStage READ submitStage NOTIFY submitStageChanged)
    // Result
    Q_PROPERTY(bool resultShown READ resultShown NOTIFY resultChanged)
    Q_PROPERTY(double score READ score NOTIFY resultChanged)
    Q_PROPERTY(double maxScore READ maxScore NOTIFY resultChanged)
    Q_PROPERTY(double percentage READ percentage NOTIFY resultChanged)
    Q_PROPERTY(bool passed READ passed NOTIFY resultChanged)
    Q_PROPERTY(bool timedOut READ timedOut NOTIFY resultChanged)
    Q_PROPERTY(QString problemReportStatus READ problemReportStatus NOTIFY problemReportChanged)
    // Incidents at this seat (lockdown findings, problem reports, pauses, ...), for the
    // invigilator; the pending ones have not been reviewed at the seat yet.
    Q_PROPERTY(int pendingIncidents READ pendingIncidents NOTIFY incidentsChanged)
    Q_PROPERTY(QVariantList incidents READ incidents NOTIFY incidentsChanged)
    Q_PROPERTY(vigil::kiosk::AccessibilitySettings* accessibility READ accessibility CONSTANT)
    // What a screen reader and the read-aloud say (session_reading.cpp): the question's stem
    // as plain sentences (tables by row, diagrams by their text alternative), the heading with
    // the question's flag, the time left in words.
    Q_PROPERTY(QString questionReadingText READ questionReadingText NOTIFY questionChanged)
    Q_PROPERTY(QString questionSummary READ questionSummary NOTIFY answersChanged)
    Q_PROPERTY(QString timeLeftSpoken READ timeLeftSpoken NOTIFY timeChanged)
    Q_PROPERTY(vigil::kiosk::ReadAloud* reader READ reader CONSTANT)
    /// For the invigilator confirming the candidate: the seat's access arrangements, and a
    /// computer reader this PC cannot give (decided when the seat opens).
    Q_PROPERTY(QString accessArrangementsText READ accessArrangementsText CONSTANT)

public:
    // screen_flow.h's Screen, value for value, for QML.
    enum class Screen {
        Locked,
        Login,
        MachineCheck,
        Confirm,
        Instructions,
        Question,
        Review,
        SubmitConfirm,
        Result,
        Paused,
        Incidents,
    };
    Q_ENUM(Screen)

    enum class LoginPurpose {
        StartSitting,
        ResumeInterrupted,
        PauseSitting,
        ResumePaused,
        ReviewIncidents,
    };
    Q_ENUM(LoginPurpose)

    explicit SessionController(SessionServices services, QObject* parent = nullptr);
    ~SessionController() override;

    // The instance QML's `Session` singleton returns (owned by its creator).
    static void setInstance(SessionController* instance);
    static SessionController* create(QQmlEngine* qmlEngine, QJSEngine* jsEngine);

    [[nodiscard]] std::shared_ptr<const MediaLibrary> mediaLibrary() const { return media_; }

    [[nodiscard]] Screen screen() const noexcept { return Screen(flow_.screen()); }
    [[nodiscard]] QString setupError() const { return setupError_; }
    [[nodiscard]] QString centreName() const;
    [[nodiscard]] QString seatLabel() const;
    [[nodiscard]] QString clockText() const;
    [[nodiscard]] bool sittingInProgress() const;
    [[nodiscard]] LoginPurpose loginPurpose() const noexcept;
    [[nodiscard]] QString loginMessage() const;
    [[nodiscard]] int throttleSecondsLeft() const;
    [[nodiscard]] QString invigilatorName() const;
    [[nodiscard]] QVariantList findings() const;
    [[nodiscard]] bool machineClear() const { return checkReport_.clear(); }
    [[nodiscard]] QString candidateName() const;
    [[nodiscard]] QString registrationNumber() const;
    [[nodiscard]] bool hasPhoto() const;
    [[nodiscard]] QString photoSource() const;
    [[nodiscard]] QString assessmentTitle() const;
    [[nodiscard]] QString assessmentCode() const;
    [[nodiscard]] QString assessmentId() const;
    [[nodiscard]] int durationMinutes() const;
    [[nodiscard]] int extraTimeMinutes() const;
    [[nodiscard]] int questionCount() const;
    [[nodiscard]] bool calculatorAllowed() const;
    [[nodiscard]] ReferencePanel* reference() { return &reference_; }
    [[nodiscard]] QString referenceMaterialNote() const;
    [[nodiscard]] bool linearNavigation() const;
    [[nodiscard]] int position() const;
    [[nodiscard]] QString questionHeading() const;
    [[nodiscard]] QString questionText() const { return questionText_; }
    [[nodiscard]] bool multipleResponse() const;
    [[nodiscard]] QString choiceHint() const { return choiceHint_; }
    [[nodiscard]] bool currentFlagged() const;
    [[nodiscard]] bool canGoBack() const;
    [[nodiscard]] bool canGoForward() const;
    [[nodiscard]] QString answerMessage() const { return answerMessage_; }
    [[nodiscard]] ChoiceModel* choices() { return &choices_; }
    [[nodiscard]] QuestionPaletteModel* palette() { return &palette_; }
    [[nodiscard]] int unansweredCount() const;
    [[nodiscard]] QVariantList unansweredNumbers() const;
    [[nodiscard]] QVariantList flaggedNumbers() const;
    [[nodiscard]] int secondsLeft() const;
    [[nodiscard]] QString timeLeftText() const;
    [[nodiscard]] int timeWarningLevel() const;
    [[nodiscard]] QString timeWarningText() const { return timeWarning_.text(); }
    [[nodiscard]] int submitStage() const noexcept { return submitStage_; }
    [[nodiscard]] bool resultShown() const;
    [[nodiscard]] double score() const { return result_ ? result_->score : 0.0; }
    [[nodiscard]] double maxScore() const { return result_ ? result_->maxScore : 0.0; }
    [[nodiscard]] double percentage() const { return result_ ? result_->percentage : 0.0; }
    [[nodiscard]] bool passed() const { return result_ && result_->passed; }
    [[nodiscard]] bool timedOut() const;
    [[nodiscard]] QString problemReportStatus() const { return problemReportStatus_; }
    [[nodiscard]] AccessibilitySettings* accessibility() { return &accessibility_; }
    [[nodiscard]] int pendingIncidents() const;
    [[nodiscard]] QVariantList incidents() const;
    [[nodiscard]] QString questionReadingText() const { return questionReadingText_; }
    [[nodiscard]] QString questionSummary() const;
    [[nodiscard]] QString timeLeftSpoken() const;
    [[nodiscard]] ReadAloud* reader() { return &reader_; }
    [[nodiscard]] QString accessArrangementsText() const;

    // The live sitting, for tests and the e2e runner: null outside a sitting.
    [[nodiscard]] const exam::Sitting* sitting() const { return sitting_ ? &*sitting_ : nullptr; }
    // A move between questions is durable but the screens still show the question before it:
    // the new one is presented on the event loop's next turn (see goTo).
    [[nodiscard]] bool questionPending() const noexcept { return questionPending_; }

    // --- invigilator
    Q_INVOKABLE void beginLogin();           // Locked -> Login (start or resume)
    Q_INVOKABLE void beginPause();           // Question/Review/Submit -> Login (pause)
    Q_INVOKABLE void beginResumeFromPause(); // Paused -> Login (resume)
    // A running sitting -> Login -> Incidents, the sitting paused while the invigilator reads.
    Q_INVOKABLE void beginIncidentReview();
    // Incidents screen: the invigilator has read the list; back to the question, or paused.
    Q_INVOKABLE void acknowledgeIncidents();
    Q_INVOKABLE void acknowledgeIncidentsAndKeepPaused();
    // The PIN and password are used for this one check and dropped; nothing keeps them.
    Q_INVOKABLE bool submitLogin(const QString& pin, const QString& password);
    Q_INVOKABLE void cancelLogin();
    Q_INVOKABLE bool overrideFinding(const QString& findingKey, const QString& reason);
    Q_INVOKABLE void continueAfterMachineCheck();
    Q_INVOKABLE void confirmCandidate();
    Q_INVOKABLE void rejectCandidate(); // "wrong candidate": void, log, back to Locked
    Q_INVOKABLE void finish();          // result screen -> Locked
    // --- candidate
    Q_INVOKABLE void start();
    Q_INVOKABLE void setChoice(const QString& identifier, bool selected);
    Q_INVOKABLE void goTo(int position);
    Q_INVOKABLE void next();
    Q_INVOKABLE void previous();
    Q_INVOKABLE void toggleFlag();
    Q_INVOKABLE void openReview();
    Q_INVOKABLE void closeReview();
    Q_INVOKABLE void requestSubmit();
    Q_INVOKABLE void confirmSubmit(); // first call: stage 2; second: submits
    Q_INVOKABLE void cancelSubmit();
    Q_INVOKABLE bool reportProblem(const QString& description);

    // A console command for the open sitting (pause, resume, extra time, void, authorise a
    // resume after a crash), applied as the invigilator's own would be and noted in the journal
    // with the command's id as its actor. Empty when applied, else why not (nothing written).
    [[nodiscard]] QString applySittingOrder(const SittingOrder& order);

    // A new seat assignment was delivered while Locked with no live sitting: the session takes
    // the seat it opens (candidate, roster, assessment, access arrangements), or, when it cannot
    // be opened (`seat` empty), shows `problem` and lets nobody log in until it can. False, and
    // nothing changes, while a sitting is under way or waits to be resumed.
    bool reloadSeat(std::optional<OpenedSeat> seat, const QString& problem);

    // The lockdown layer failed: no sitting may start; the Locked screen says why.
    void refuseSittings(const QString& reason);
    // Something the sitting monitor or input lockdown saw (a denied program, an escape key):
    // logged, and noted in the running sitting's journal for the invigilator.
    void recordMonitorFinding(const QString& key, const QString& message);

    // The timer's beat (called each second by the internal timer; tests may call it).
    void tick();

signals:
    void screenChanged();
    void seatChanged();
    void clockChanged();
    void sittingChanged();
    void loginChanged();
    void findingsChanged();
    void questionChanged();
    void answersChanged();
    void answerMessageChanged();
    void timeChanged();
    void submitStageChanged();
    void resultChanged();
    void problemReportChanged();
    void incidentsChanged();
    // An engine or store failure the invigilator must see; the sitting's journal is intact.
    void failure(const QString& message);
    // The sitting's journal may have grown (the link sends what is new).
    void journalAppended();

private:
    // The screen flow (screen_flow.h): whether the screen shown offers `event`, and moving on
    // by it (false, nothing changed, when the table refuses it).
    [[nodiscard]] ScreenFacts screenFacts() const;
    [[nodiscard]] bool offers(ScreenEvent event) const;
    bool follow(ScreenEvent event);
    void takeSeat(); // the roster, media, access arrangements and sitting of services_.seat
    void askInvigilatorFor(LoginPurpose purpose, ScreenEvent event);
    bool noteIncident(const std::string& text, const std::string& actor);
    void loadExistingSitting();
    // The console moved the sitting to a spare PC: Locked, saying where, nothing more written.
    void showMovedAway(const std::string& toSeat);
    static QString movedAwayText(const std::string& toSeat);
    void afterLogin(const InvigilatorLogin::Invigilator& invigilator);
    void enterQuestion(ScreenEvent event); // the question shown, the screen moved on by `event`
    // Presents the sitting's current question: every question property QML reads changes here,
    // together, so no frame shows a mix of two questions.
    void refreshQuestion();
    // refreshQuestion() on the event loop's next turn (once however many moves come before it).
    void presentQuestionLater();
    void forgetPresentedQuestion();
    void refreshAnswers();
    void refreshTime();
    void issueResult();
    void resetToLocked(ScreenEvent event);
    // session_reading.cpp: the computer reader the seat's arrangement asks for, and the
    // journal's "reader used" note at its first use in a sitting.
    void setUpReader(std::unique_ptr<SpeechOutput> output);
    void noteReaderUsed();
    void log(const std::string& kind, const std::string& actor, const std::string& detail);
    template <class Action> bool guarded(Action&& action);
    [[nodiscard]] std::int64_t nowMs() const { return services_.clock->wallNowMs(); }
    [[nodiscard]] const exam::Item* currentItem() const;

    SessionServices services_;
    QString setupError_;
    LoginFlow login_; // the roster only while the seat is open
    KioskLog log_;
    std::shared_ptr<MediaLibrary> media_ = std::make_shared<MediaLibrary>();
    std::optional<exam::Sitting> sitting_;
    ReferencePanel reference_;
    std::optional<exam::ScoreSummary> result_;
    lockdown::CheckReport checkReport_;
    ChoiceModel choices_;
    QuestionPaletteModel palette_;
    AccessibilitySettings accessibility_;
    ReadAloud reader_;
    QTimer beat_;
    ScreenFlow flow_;
    // The question the screens show (refreshQuestion): its position in the presentation
    // order (-1: none yet, the sitting's own) and what QML reads of it, read once.
    int presentedPosition_ = -1;
    bool questionPending_ = false;
    QString questionText_;
    QString choiceHint_;
    QString questionReadingText_;
    QString answerMessage_;
    TimeWarning timeWarning_;
    int submitStage_ = 0;
    int secondsOnResult_ = 0;
    int beatsSinceCheckpoint_ = 0;
    QString problemReportStatus_;
};

} // namespace vigil::kiosk
