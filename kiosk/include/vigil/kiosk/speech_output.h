#pragma once

#include <QString>
#include <memory>

namespace vigil::kiosk {

// What the read-aloud speaks through. The kiosk's one implementation is Qt's TextToSpeech with
// the flite engine, which synthesises inside the kiosk process: no question text is handed to
// another program (speech-dispatcher, the desktop's default engine, would receive every word
// over a socket). Tests put a recording output in its place to read the spoken sequence.
class SpeechOutput {
public:
    virtual ~SpeechOutput() = default;
    // "flite"; whatever the engine calls itself.
    [[nodiscard]] virtual QString engineName() const = 0;
    // The engine loaded and can take text (whether a sound device plays it is not known here).
    [[nodiscard]] virtual bool available() const = 0;
    // Why not available, for the kiosk log; empty when available.
    [[nodiscard]] virtual QString problem() const = 0;
    // Stops whatever is being said and says `text`.
    virtual void say(const QString& text) = 0;
    virtual void stop() = 0;
    // -1.0 (slowest) .. 0.0 (the engine's normal) .. 1.0 (fastest).
    virtual void setRate(double rate) = 0;
};

// The flite engine, in process. Never another engine: when flite is missing the output is not
// available (problem() says why) rather than falling back to one that speaks out of process.
inline constexpr const char* kInProcessSpeechEngine = "flite";
[[nodiscard]] std::unique_ptr<SpeechOutput> makeInProcessSpeechOutput();

} // namespace vigil::kiosk
