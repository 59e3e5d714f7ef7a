// What nearly every test translation unit parses first: QtCore and the standard library. It is
// precompiled once per test folder (tests/CMakeLists.txt, vigil_add_test) and force-included,
// because parsing these headers under ASan was most of a test's compile time (measured: a small
// test 7.3 s of CPU without it, 2.8 s with it). Nothing Vigil-specific belongs here: a test
// still includes what it uses.
#pragma once

#include <QtCore/QtCore>
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>
