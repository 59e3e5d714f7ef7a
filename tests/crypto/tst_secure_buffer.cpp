#include "vigil/crypto/secure_buffer.h"

#include <QTest>
#include <array>
#include <cstdint>
#include <utility>

using vigil::crypto::constantTimeEqual;
using vigil::crypto::SecureBuffer;

class TestSecureBuffer : public QObject {
    Q_OBJECT

private slots:
    void newBufferIsZeroedAndSized() {
        SecureBuffer buffer(48);
        QCOMPARE(buffer.size(), std::size_t{48});
        QVERIFY(!buffer.empty());
        QVERIFY(buffer.data() != nullptr);
        for (std::uint8_t byte : buffer.span()) {
            QCOMPARE(byte, std::uint8_t{0});
        }
    }

    void emptyBuffersHaveNoStorage() {
        const SecureBuffer defaulted;
        const SecureBuffer sizedZero(0);
        QVERIFY(defaulted.empty());
        QVERIFY(sizedZero.empty());
        QVERIFY(defaulted.view().empty());
        QVERIFY(defaulted.equals(sizedZero.span()));
    }

    void copyOfKeepsBytesAndText() {
        const std::array<std::uint8_t, 4> bytes{1, 2, 3, 250};
        const SecureBuffer fromBytes = SecureBuffer::copyOf(bytes);
        QVERIFY(fromBytes.equals(bytes));

        const SecureBuffer fromText = SecureBuffer::copyOf(std::string_view("4821:secret"));
        QCOMPARE(fromText.size(), std::size_t{11});
        QCOMPARE(fromText.view(), std::string_view("4821:secret"));
    }

    void moveConstructionTransfersAndEmptiesTheSource() {
        SecureBuffer source = SecureBuffer::copyOf(std::string_view("pin"));
        const std::uint8_t* storage = source.data();

        SecureBuffer target(std::move(source));

        QCOMPARE(target.data(), storage);
        QCOMPARE(target.view(), std::string_view("pin"));
        QVERIFY(
            source.empty()); // NOLINT(bugprone-use-after-move): the moved-from state is the rule
        QCOMPARE(source.data(), nullptr);
    }

    void moveAssignmentReplacesAndEmptiesTheSource() {
        SecureBuffer target = SecureBuffer::copyOf(std::string_view("old secret"));
        SecureBuffer source = SecureBuffer::copyOf(std::string_view("new"));

        target = std::move(source);

        QCOMPARE(target.view(), std::string_view("new"));
        QVERIFY(source.empty()); // NOLINT(bugprone-use-after-move)

        target = SecureBuffer();
        QVERIFY(target.empty());
    }

    void equalsComparesContentAndSize() {
        const std::array<std::uint8_t, 4> same{9, 8, 7, 6};
        const SecureBuffer buffer = SecureBuffer::copyOf(same);
        QVERIFY(buffer.equals(same));
        for (std::size_t position = 0; position < same.size(); ++position) {
            std::array<std::uint8_t, 4> differing = same;
            differing[position] ^= 0x01;
            QVERIFY2(!buffer.equals(differing), qPrintable(QString::number(position)));
        }
        QVERIFY(!buffer.equals(std::span(same).first(3)));
        const std::array<std::uint8_t, 5> longer{9, 8, 7, 6, 0};
        QVERIFY(!buffer.equals(longer));
        QVERIFY(!buffer.equals({}));
    }

    void constantTimeEqualRefusesDifferentLengths() {
        const std::array<std::uint8_t, 3> a{1, 2, 3};
        const std::array<std::uint8_t, 2> prefix{1, 2};
        QVERIFY(constantTimeEqual(a, a));
        QVERIFY(!constantTimeEqual(a, prefix));
        QVERIFY(constantTimeEqual({}, {}));
    }

    void wipeZeroesButKeepsTheAllocation() {
        SecureBuffer buffer = SecureBuffer::copyOf(std::string_view("secret"));
        const std::uint8_t* storage = buffer.data();
        buffer.wipe();
        QCOMPARE(buffer.data(), storage);
        QCOMPARE(buffer.size(), std::size_t{6});
        const std::array<std::uint8_t, 6> zeros{};
        QVERIFY(buffer.equals(zeros));

        SecureBuffer empty;
        empty.wipe(); // nothing to wipe, and no crash
        QVERIFY(empty.empty());
    }

    void randomBuffersAreFilledAndDistinct() {
        const SecureBuffer first = SecureBuffer::random(32);
        const SecureBuffer second = SecureBuffer::random(32);
        const std::array<std::uint8_t, 32> zeros{};
        QCOMPARE(first.size(), std::size_t{32});
        QVERIFY(!first.equals(zeros));
        QVERIFY(!first.equals(second.span()));
    }
};

QTEST_GUILESS_MAIN(TestSecureBuffer)
#include "tst_secure_buffer.moc"
