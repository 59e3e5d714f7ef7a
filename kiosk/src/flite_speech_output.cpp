#include "vigil/kiosk/speech_output.h"

#include <QTextToSpeech>

namespace vigil::kiosk {

namespace {

class FliteSpeechOutput final : public SpeechOutput {
public:
    FliteSpeechOutput() {
        const QString engine = QString::fromLatin1(kInProcessSpeechEngine);
        if (!QTextToSpeech::availableEngines().contains(engine)) {
            problem_ = QStringLiteral("the %1 speech engine is not installed "
                                      "(Debian: qt6-speech-flite-plugin)")
                           .arg(engine);
            return;
        }
        speech_ = std::make_unique<QTextToSpeech>(engine);
        if (speech_->engine() != engine) {
            problem_ = QStringLiteral("the %1 speech engine did not load").arg(engine);
            speech_.reset();
        }
    }

    QString engineName() const override { return speech_ ? speech_->engine() : QString(); }
    bool available() const override { return speech_ != nullptr; }
    QString problem() const override { return problem_; }
    void say(const QString& text) override {
        if (speech_) {
            speech_->stop();
            speech_->say(text);
        }
    }
    void stop() override {
        if (speech_) {
            speech_->stop();
        }
    }
    void setRate(double rate) override {
        if (speech_) {
            speech_->setRate(rate);
        }
    }

private:
    std::unique_ptr<QTextToSpeech> speech_;
    QString problem_;
};

} // namespace

std::unique_ptr<SpeechOutput> makeInProcessSpeechOutput() {
    return std::make_unique<FliteSpeechOutput>();
}

} // namespace vigil::kiosk
