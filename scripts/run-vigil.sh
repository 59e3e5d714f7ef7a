#!/usr/bin/env bash
# Runs what Vigil has built so far (called by `setup.sh run`): the console on a demo centre
# (build/<preset>/console-run/), and the kiosk on a sample
# assessment at a sample seat. Keys, the sealed package and the signed seat assignment are
# made with vigil-pack from exam/samples, in build/<preset>/kiosk-run/ (never in /var/lib).
# Without a display ($DISPLAY and $WAYLAND_DISPLAY unset) the kiosk cannot be shown: then
# `vigil-kiosk --self-test` runs on the same data instead, and says so.
set -euo pipefail
build=$1; shift
if [ -x "$build/store/vigil-store" ]; then
    "$build/store/vigil-store" self-check
fi

# The console on its demo centre (coordinator, one invigilator, both sample assessments):
# init-demo prints whom to sign in as; without a display its --self-test runs instead.
console=$build/invigilator-console/vigil-console
if [ -x "$console" ]; then
    "$console" init-demo "$build/console-run"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        "$console" --self-test --data-dir "$build/console-run/data" --listen 127.0.0.1:0
    else
        "$console" --data-dir "$build/console-run/data" &
        echo "run: vigil-console started (pid $!)"
    fi
fi

kiosk=$build/kiosk/vigil-kiosk
pack=$build/exam/vigil-pack
if [ ! -x "$kiosk" ] || [ ! -x "$pack" ]; then
    echo "run: vigil-kiosk or vigil-pack is not built yet" >&2
    exit 0
fi

run=$build/kiosk-run
data=$run/data
keys=$run/keys
mkdir -p "$keys" "$run/delivery"
install -d -m 0700 "$data" "$data/trust"
if [ ! -f "$keys/awarding-body.sk" ]; then
    "$pack" keygen --signing "$keys/awarding-body" >/dev/null
    "$pack" keygen --box "$keys/awarding-body-box" >/dev/null
    "$pack" keygen --signing "$keys/centre" >/dev/null
    "$pack" keygen --box "$keys/centre-box" >/dev/null
fi
cp "$keys/awarding-body.pub" "$data/trust/awarding-body-signing.pub"
cp "$keys/awarding-body-box.pub" "$data/trust/awarding-body-box.pub"
cp "$keys/centre.pub" "$data/trust/issuer-signing.pub"
# The centre's box key stays with the centre (keys/): a kiosk never holds it.
rm -f "$data/trust/centre-box.key"
printf 'centre=C0451\nroom=Workshop 2\nseat=PC07\n' >"$data/seat.conf"

package=$run/delivery/assessment.vigil
if [ ! -f "$package" ]; then
    "$pack" build exam/samples/mot-braking-lighting-tyres --signing-key "$keys/awarding-body.sk" \
        --centre "C0451=$keys/centre-box.pub" -o "$package" >/dev/null
fi
# The kiosk's first start makes its key (kiosk-signing.pub beside it), which the assignment
# names; its self-test then says no assignment is there yet.
if [ ! -f "$data/kiosk-signing.pub" ]; then
    "$kiosk" --self-test --data-dir "$data" >/dev/null 2>&1 || true
fi
# A new session each run, so the sample candidate can always sit it again; the content key is
# sealed to this kiosk's key alone.
session=RUN-$(date +%Y%m%d-%H%M%S)
VIGIL_PIN_INV_0042=482916 VIGIL_PASSWORD_INV_0042=Brake-Fluid-77 \
    "$pack" assign --signing-key "$keys/centre.sk" --package "$package" \
        --ab-key "$keys/awarding-body.pub" --kiosk-key "$data/kiosk-signing.pub" \
        --centre-key "$keys/centre-box.sk" --session "$session" --centre C0451 \
        --centre-name "Northfield Motor Training Centre" --room "Workshop 2" --seat PC07 \
        --date "$(date +%F)" --candidate "Jordan Ellis" --registration AB123456 \
        --invigilator "INV-0042:Sam Carter" -o "$run/delivery/assignment.vseat" >/dev/null

args=(--data-dir "$data" --package "$package" --assignment "$run/delivery/assignment.vseat")
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "run: no display (\$DISPLAY and \$WAYLAND_DISPLAY unset): running vigil-kiosk --self-test"
    exec "$kiosk" --self-test "${args[@]}"
fi
echo "run: vigil-kiosk on seat PC07; invigilator PIN 482916, password Brake-Fluid-77"
exec "$kiosk" "${args[@]}"
