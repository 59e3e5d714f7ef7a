#include "vigil/sync/frame.h"

#include <QTest>

using namespace vigil::sync;

namespace {

std::vector<std::uint8_t> bytesOf(std::string_view text) {
    return {text.begin(), text.end()};
}

} // namespace

class FrameDecoderTest : public QObject {
    Q_OBJECT
private slots:
    void headerIsMagicVersionTypeAndBigEndianLength() {
        const auto bytes = encodeFrame(7, bytesOf("abc"));
        const std::vector<std::uint8_t> expected{'V', 'L', 1, 7, 0, 0, 0, 3, 'a', 'b', 'c'};
        QCOMPARE(bytes, expected);
    }

    void framesComeOutWhateverTheChunksTheyArriveIn() {
        std::vector<std::uint8_t> stream;
        std::vector<Frame> sent;
        for (int i = 0; i < 20; ++i) {
            Frame frame{std::uint8_t(i),
                        std::vector<std::uint8_t>(std::size_t(i * 7), std::uint8_t(i))};
            const auto encoded = encodeFrame(frame.type, frame.payload);
            stream.insert(stream.end(), encoded.begin(), encoded.end());
            sent.push_back(std::move(frame));
        }
        for (std::size_t chunk :
             {std::size_t(1), std::size_t(3), std::size_t(8), std::size_t(64), stream.size()}) {
            FrameDecoder decoder;
            std::vector<Frame> received;
            for (std::size_t offset = 0; offset < stream.size(); offset += chunk) {
                const auto size = std::min(chunk, stream.size() - offset);
                auto frames = decoder.feed(std::span(stream).subspan(offset, size));
                QVERIFY(frames.ok());
                for (auto& frame : frames.value()) {
                    received.push_back(std::move(frame));
                }
            }
            QCOMPARE(received.size(), sent.size());
            QVERIFY(received == sent);
            QCOMPARE(decoder.pendingBytes(), std::size_t(0));
        }
    }

    void anEmptyPayloadIsAFrame() {
        FrameDecoder decoder;
        auto frames = decoder.feed(encodeFrame(9, {}));
        QVERIFY(frames.ok());
        QCOMPARE(frames.value().size(), std::size_t(1));
        QCOMPARE(int(frames.value()[0].type), 9);
        QVERIFY(frames.value()[0].payload.empty());
    }

    void anOversizedFrameIsRefusedFromItsHeaderAlone() {
        FrameDecoder decoder(1024);
        // Only the header: the 4 GiB payload is never waited for nor allocated.
        const std::vector<std::uint8_t> header{'V', 'L', 1, 1, 0xff, 0xff, 0xff, 0xff};
        auto frames = decoder.feed(header);
        QVERIFY(!frames.ok());
        QCOMPARE(frames.error().error, LinkError::FrameTooLarge);
        QVERIFY(QString::fromStdString(frames.error().detail).contains("limit 1024"));
        QCOMPARE(decoder.pendingBytes(), std::size_t(0));
    }

    void aFrameAtTheLimitIsAccepted() {
        FrameDecoder decoder(1024);
        auto frames = decoder.feed(encodeFrame(1, std::vector<std::uint8_t>(1024, 0x55)));
        QVERIFY(frames.ok());
        QCOMPARE(frames.value().size(), std::size_t(1));
    }

    void bytesThatAreNotAFrameAreRefused() {
        FrameDecoder decoder;
        auto frames = decoder.feed(bytesOf("GET / HTTP/1.1\r\n"));
        QVERIFY(!frames.ok());
        QCOMPARE(frames.error().error, LinkError::NotAVigilFrame);
    }

    void anUnknownVersionIsRefusedNamingIt() {
        FrameDecoder decoder;
        auto encoded = encodeFrame(1, bytesOf("x"));
        encoded[2] = 2;
        auto frames = decoder.feed(encoded);
        QVERIFY(!frames.ok());
        QCOMPARE(frames.error().error, LinkError::UnsupportedVersion);
        QCOMPARE(QString::fromStdString(describe(frames.error())),
                 QStringLiteral("the peer speaks a link version this build does not (update "
                                "Vigil on both sides): frame version 2, this build speaks 1"));
    }

    void aDecoderStaysFailedAfterAnError() {
        FrameDecoder decoder;
        QVERIFY(!decoder.feed(bytesOf("XXXXXXXX")).ok());
        auto again = decoder.feed(encodeFrame(1, bytesOf("fine")));
        QVERIFY(!again.ok());
        QCOMPARE(again.error().error, LinkError::NotAVigilFrame);
    }

    void framesBeforeABrokenOneAreNotReturnedTwice() {
        // A good frame and a broken one in the same read: the stream is refused as a whole.
        FrameDecoder decoder;
        auto stream = encodeFrame(1, bytesOf("good"));
        const auto broken = bytesOf("XXXXXXXX");
        stream.insert(stream.end(), broken.begin(), broken.end());
        QVERIFY(!decoder.feed(stream).ok());
    }
};

QTEST_GUILESS_MAIN(FrameDecoderTest)
#include "tst_frame_decoder.moc"
