#pragma once

#include <QTest>

// What the link and console tests wait with: the event loop runs (queued signals, timers, a
// QProcess's output) until the predicate holds, or the limit passes. The limit is generous
// because the suite runs under AddressSanitizer beside other tests; a passing wait returns as
// soon as the predicate holds, so the limit only bounds a failure.
namespace vigil::testing {

template <class Predicate> bool eventually(Predicate predicate, int limitMs = 30'000) {
    return QTest::qWaitFor(predicate, limitMs);
}

} // namespace vigil::testing
