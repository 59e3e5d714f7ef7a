#!/usr/bin/env bash
# Runs Vigil's demo (called by `setup.sh run`): the console on its demo centre with today's
# session (build/<preset>/console-run/), and three kiosks linked to it over loopback
# (build/<preset>/kiosk-run/pc07, pc08, pc09): PC07 and PC08, where the session's candidates
# sit, and PC09, the room's spare PC, to which the invigilator can move a sitting. Each kiosk's data folder is laid out as a
# centre's IT would: the awarding body's public keys and the console's key pinned in trust/, the
# session's package where the kiosk looks for it, seat.conf naming the seat and the console.
# Nothing is enrolled or delivered here: the coordinator enrols each PC by the fingerprint on
# its screen, and the invigilator delivers and launches the session from the console.
# Without a display ($DISPLAY and $WAYLAND_DISPLAY unset) nothing can be shown: then each
# program's --self-test runs on the same data instead, and says so.
#
#   run-vigil.sh BUILD                    lay the demo out under BUILD and run it
#   run-vigil.sh BUILD --lay-out DIR PORT  only lay it out, under DIR, for kiosks that find the
#                                         console on 127.0.0.1:PORT (tests/e2e/tst_demo_of_binaries
#                                         then starts the binaries and walks the steps below)
set -euo pipefail
build=$1; shift
demo_root=$build
port=47100
lay_out_only=
if [ "${1:-}" = "--lay-out" ]; then
    [ $# -eq 3 ] || { echo "usage: run-vigil.sh BUILD [--lay-out DIR PORT]" >&2; exit 2; }
    demo_root=$2
    port=$3
    lay_out_only=1
fi
if [ -z "$lay_out_only" ] && [ -x "$build/store/vigil-store" ]; then
    "$build/store/vigil-store" self-check
fi

console=$build/invigilator-console/vigil-console
kiosk=$build/kiosk/vigil-kiosk
if [ ! -x "$console" ] || [ ! -x "$kiosk" ]; then
    echo "run: vigil-console or vigil-kiosk is not built yet" >&2
    exit 1
fi
demo=$demo_root/console-run

# The console's demo centre: coordinator, one invigilator, both sample assessments, and a
# session today with two candidates seated at PC07 and PC08 (init-demo prints them).
"$console" init-demo "$demo"

# The kiosks. The first start of each makes its key; its self-test prints the fingerprint the
# coordinator types on the console's Kiosks screen.
seats=(PC07 PC08 PC09) # PC09: the spare, on no place of the plan
for seat in "${seats[@]}"; do
    data=$demo_root/kiosk-run/${seat,,}
    install -d -m 0700 "$data" "$data/trust" "$data/seat"
    cp "$demo/keys/awarding-body.pub" "$data/trust/awarding-body-signing.pub"
    cp "$demo/keys/awarding-body-box.pub" "$data/trust/awarding-body-box.pub"
    cp "$demo/keys/console-signing.pub" "$data/trust/issuer-signing.pub"
    cp "$demo/packages/mot-braking-lighting-tyres.vigil" "$data/seat/assessment.vigil"
    printf 'centre=C0451\nroom=Workshop 2\nseat=%s\nconsole=127.0.0.1:%s\n' "$seat" "$port" \
        >"$data/seat.conf"
done
if [ -n "$lay_out_only" ]; then
    exit 0
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run: no display (\$DISPLAY and \$WAYLAND_DISPLAY unset): running each --self-test"
    "$console" --self-test --data-dir "$demo/data" --listen 127.0.0.1:0
    for seat in "${seats[@]}"; do
        "$kiosk" --self-test --data-dir "$demo_root/kiosk-run/${seat,,}" || true
    done
    exit 0
fi

"$console" --data-dir "$demo/data" --listen "127.0.0.1:$port" &
echo "run: vigil-console started (pid $!)"
for seat in "${seats[@]}"; do
    "$kiosk" --data-dir "$demo_root/kiosk-run/${seat,,}" &
    echo "run: vigil-kiosk $seat started (pid $!)"
done
cat <<'STEPS'
run: the demo session, step by step:
  1. On the console, sign in as the centre coordinator (COORD-1) and open Kiosks: PC07, PC08
     and PC09 are waiting; enrol each by typing the fingerprint its screen shows ("This PC: ...").
  2. Sign in as the invigilator (INV-0042), open today's session in Workshop 2, open the live
     room: Deliver, then Launch. PC07 and PC08 show their candidates.
  3. At a kiosk: Invigilator, PIN 482916, password Brake-Fluid-77; confirm the candidate; Start.
  4. PC09 is the room's spare: in the live room, select a candidate's row, type PC09 as the
     Spare PC, Move, Confirm. After the invigilator's login at PC09 the candidate carries on.
STEPS
wait
