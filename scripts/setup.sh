#!/usr/bin/env bash
# Vigil's two set-up commands, for a fresh Debian 12 machine, as root:
#   scripts/setup.sh run    install what is missing, build (release), run Vigil
#   scripts/setup.sh test   install what is missing, build (asan), run every test
# Both are idempotent: a second run installs nothing, rebuilds only what changed and prints
# only what matters.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-}
case "$mode" in
    run) preset=release ;;
    test) preset=asan ;;
    *) echo "usage: scripts/setup.sh run|test" >&2; exit 2 ;;
esac
shift

log_dir=build/logs
mkdir -p "$log_dir"

# Runs a step with its output in a log; shows the log only when the step fails.
quietly() {
    local name=$1; shift
    if ! "$@" >"$log_dir/$name.log" 2>&1; then
        echo "setup: '$name' failed; its output ($log_dir/$name.log):" >&2
        tail -n 60 "$log_dir/$name.log" >&2
        exit 1
    fi
}

# Debian 12 packages; see README "Dependencies" for why each is here.
packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-declarative-dev qt6-svg-dev libqt6svg6 qt6-pdf-dev libqt6pdf6
    qml6-module-qtqml qml6-module-qtquick qml6-module-qtquick-controls
    qml6-module-qtquick-templates qml6-module-qtquick-layouts qml6-module-qtquick-window
    qml6-module-qtqml-workerscript qml6-module-qttest
    libsqlcipher-dev libsodium-dev libboost-dev libssl-dev libzip-dev zlib1g-dev libpq-dev
    fonts-dejavu-core
    tzdata
    libxcb1-dev
    qt6-speech-dev qt6-speech-flite-plugin
)
# What only running the tests needs (none of it is read while configuring or building), so the
# test command installs it in the background while the trees build.
test_run_packages=()
if [ "$mode" = test ]; then
    # clang/libclang-rt-14-dev: the test tree's compiler (asan preset) and the parsers' libFuzzer
    # targets (GCC has no libFuzzer);
    # lld: links the test tree's executables in a third of GNU ld's time (cmake/VigilCompilerFlags);
    # xvfb/xauth: a real X server for the lockdown tests, and dbus-daemon (dbus-run-session) for
    # the screen-reader test: their CMake files look for both when they are configured.
    packages+=(clang libclang-rt-14-dev lld xvfb xauth dbus-daemon)
    # binutils: `strings` for the no-plaintext checks; cage/xwayland/qt6-wayland: the kiosk
    # session end-to-end test; poppler-utils: `pdftotext` reads the console's invigilation record
    # PDF back; at-spi2-core/python3-pyatspi/gir1.2-atspi-2.0/dbus-x11: the screen-reader tree
    # test reads the kiosk's accessibility tree as a screen reader does;
    # dpkg-dev/file/systemd: tests/packaging packs with CPack (dpkg-shlibdeps; CPack finds the
    # binaries to run it on with `file`) and checks the units with systemd-analyze;
    # postgresql: the receiver's tests start a private PostgreSQL server (libpq-dev builds it).
    test_run_packages+=(binutils cage xwayland qt6-wayland poppler-utils
                        at-spi2-core python3-pyatspi gir1.2-atspi-2.0 dbus-x11 dpkg-dev file systemd
                        postgresql)
fi

# The packages of the list given that are not installed yet.
not_installed() {
    local package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
            echo "$package"
    done
}
mapfile -t missing < <(not_installed "${packages[@]}")
mapfile -t missing_for_tests < <(not_installed "${test_run_packages[@]}")
# dpkg's unsafe I/O skips an fsync per unpacked file: a crash mid-install is the only risk, and
# a rerun of this script installs again (a third of the install time on a fresh machine).
apt_install=(apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-unsafe-io)
if [ $((${#missing[@]} + ${#missing_for_tests[@]})) -gt 0 ]; then
    [ "$(id -u)" = 0 ] ||
        { echo "setup: run as root to install: ${missing[*]} ${missing_for_tests[*]}" >&2; exit 1; }
    echo "setup: installing $((${#missing[@]} + ${#missing_for_tests[@]})) Debian packages..."
    export DEBIAN_FRONTEND=noninteractive
    quietly apt-update apt-get update -q
    if [ ${#missing[@]} -gt 0 ]; then
        quietly apt-install "${apt_install[@]}" "${missing[@]}"
    fi
fi
tests_install_pid=
if [ ${#missing_for_tests[@]} -gt 0 ]; then
    "${apt_install[@]}" "${missing_for_tests[@]}" >"$log_dir/apt-install-tests.log" 2>&1 &
    tests_install_pid=$!
    # A build that fails ends the script: dpkg is left to finish, never cut off mid-package.
    trap '[ -z "$tests_install_pid" ] || wait "$tests_install_pid" || true' EXIT
fi

if [ ! -f "build/$preset/build.ninja" ]; then
    quietly "configure-$preset" cmake --preset "$preset"
fi
quietly "build-$preset" cmake --build --preset "$preset"

if [ "$mode" = test ]; then
    # The fuzz targets (clang, their own tree): the fuzz_* tests of the asan tree run them.
    if [ ! -f build/fuzz/build.ninja ]; then
        quietly configure-fuzz cmake --preset fuzz
    fi
    quietly build-fuzz cmake --build build/fuzz
    if [ -n "$tests_install_pid" ]; then
        if ! wait "$tests_install_pid"; then
            echo "setup: installing the tests' packages failed; its output" \
                 "($log_dir/apt-install-tests.log):" >&2
            tail -n 60 "$log_dir/apt-install-tests.log" >&2
            exit 1
        fi
        tests_install_pid=
    fi
    # Two tests per core: about half of a test's time is waiting (X servers, PostgreSQL, child
    # processes, timers), so one per core left the CPU half idle. Measured on 2 cores: 7 min
    # with -j2, under 5 min with -j4.
    exec ctest --preset "$preset" -j "$((2 * $(nproc)))" "$@"
fi

exec scripts/run-vigil.sh "build/$preset" "$@"
