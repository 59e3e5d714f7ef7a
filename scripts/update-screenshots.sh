#!/bin/sh
# Renders every kiosk screen through the real session over the MOT sample assessment
# (tests/screenshots/tst_screenshots.cpp), a practice seat's screens over the practice sample
# quiz (tst_practice_screenshots.cpp) and every console screen over a real console
# (tests/console_qml/tst_console_screens.cpp, the live room with real kiosk links:
# tst_console_live_room.cpp, the live room after a move between real kiosks:
# tst_console_live_kiosks.cpp, the outbox: tst_console_outbox_screen.cpp), and copies the PNGs
# to docs/screenshots/.
# Usage: scripts/update-screenshots.sh [build-dir] (default build/screenshots, configured here
# if it does not exist yet).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-"$root/build/screenshots"}
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug
fi
ninja -C "$build" -j2 tst_screenshots tst_practice_screenshots tst_console_screens \
    tst_console_live_room tst_console_live_kiosks tst_console_outbox_screen
# The kiosk's screenshot test empties the shared screenshots folder first: it runs before the
# console's tests, which write their pictures into the same folder.
(cd "$build" &&
    ctest -R '^(tst_screenshots|tst_practice_screenshots)$' --output-on-failure &&
    ctest -R '^(tst_console_screens|tst_console_live_room|tst_console_live_kiosks|tst_console_outbox_screen)$' \
    --output-on-failure)
mkdir -p "$root/docs/screenshots"
rm -f "$root/docs/screenshots/"*.png
cp "$build/screenshots/"*.png "$build/screenshots-practice/"*.png "$root/docs/screenshots/"
echo "$(ls "$root/docs/screenshots/"*.png | wc -l) screenshots in docs/screenshots/"
