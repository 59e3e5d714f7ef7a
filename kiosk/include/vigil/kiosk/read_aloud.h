#pragma once

#include "vigil/kiosk/speech_output.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>
#include <functional>
#include <memory>

namespace vigil::kiosk {

// The built-in computer reader (an access arrangement the seat assignment grants): reads the
// question on screen aloud when the candidate asks, through a SpeechOutput. Which words are
// said is decided here, from the same reading texts a screen reader gets (readingText); QML
// only forwards keys and buttons. Off unless the seat's arrangement asks for it and the
// in-process engine loaded.
class ReadAloud : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by the session")

    /// The seat's arrangement asks for the reader and the engine can speak.
    Q_PROPERTY(bool enabled READ enabled NOTIFY changed)
    /// The arrangement asks for it (enabled or not: the invigilator is told when it cannot run).
    Q_PROPERTY(bool wanted READ wanted NOTIFY changed)
    Q_PROPERTY(QString engineName READ engineName NOTIFY changed)
    /// -2 (slowest) .. 2 (fastest); 0 is the engine's normal rate.
    Q_PROPERTY(int rateStep READ rateStep NOTIFY changed)
    Q_PROPERTY(QString rateText READ rateText NOTIFY changed)
    /// The last text handed to the engine (what "repeat" says again).
    Q_PROPERTY(QString lastSpoken READ lastSpoken NOTIFY spoken)
    /// The keys, as the instructions and the reader bar state them.
    Q_PROPERTY(QString keyHelp READ keyHelp CONSTANT)

public:
    static constexpr int kSlowestStep = -2;
    static constexpr int kFastestStep = 2;

    // What is on screen to be read, as reading texts.
    struct Content {
        QString heading;     // "Question 3 of 22"
        QString question;    // the stem: body and prompt, tables and diagrams' alternatives
        QString hint;        // "Choose one answer."; may be empty
        QStringList choices; // "A. …", "B. …" in the order shown
        QString timeLeft;    // "Time left: 12 minutes 5 seconds"
    };
    using ContentSource = std::function<Content()>;

    explicit ReadAloud(QObject* parent = nullptr);
    ~ReadAloud() override;

    // The arrangement, and the output to speak through (none: the reader stays off).
    void setUp(bool wanted, std::unique_ptr<SpeechOutput> output);
    // Replaces the output, keeping the arrangement (tests record what is said this way).
    void setOutput(std::unique_ptr<SpeechOutput> output);
    void setSource(ContentSource source) { source_ = std::move(source); }

    [[nodiscard]] bool enabled() const;
    [[nodiscard]] bool wanted() const noexcept { return wanted_; }
    [[nodiscard]] QString engineName() const;
    // Why a wanted reader is not enabled; empty otherwise.
    [[nodiscard]] QString problem() const;
    [[nodiscard]] int rateStep() const noexcept { return rateStep_; }
    [[nodiscard]] QString rateText() const;
    [[nodiscard]] QString lastSpoken() const { return lastSpoken_; }
    [[nodiscard]] QString keyHelp() const;

    // Heading, question, hint, then every answer in order.
    Q_INVOKABLE void readQuestion();
    // The answer at `index` (the one with keyboard focus), or with -1 the one after the answer
    // read last (A first, wrapping after the last).
    Q_INVOKABLE void readChoice(int index = -1);
    Q_INVOKABLE void readTimeLeft();
    Q_INVOKABLE void repeat();
    Q_INVOKABLE void stop();
    Q_INVOKABLE void slower();
    Q_INVOKABLE void faster();
    // A new question is on screen: "next answer" starts again from A.
    void questionChanged() { lastChoice_ = -1; }

signals:
    void changed();
    void spoken(const QString& text);
    // The candidate used the reader (each time it says something they asked for).
    void used();

private:
    void speak(const QString& text);
    void applyRate();
    void rateChanged();

    bool wanted_ = false;
    std::unique_ptr<SpeechOutput> output_;
    ContentSource source_;
    QString lastSpoken_;
    int rateStep_ = 0;
    int lastChoice_ = -1;
};

} // namespace vigil::kiosk
