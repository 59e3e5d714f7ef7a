#!/usr/bin/env bash
# Installs Vigil's packages and checks them on the system they are installed on: run as root in
# a fresh Debian 12 root (anything disposable), after scripts/build-packages.sh.
#   scripts/check-packages.sh [DIR]               DIR holds vigil-*.deb (default: build/packages)
#   scripts/check-packages.sh --fresh-root [DIR]  the same, in a new copy of the pristine
#       Debian 12 root that ../shared/tools/fresh-debian-check builds (run that tool once
#       first): the packages, this script and exam/samples are copied in, then it runs there
#   scripts/check-packages.sh --booted [DIR]      the same in a copy of that root with systemd
#       installed and booted as its init (PID 1 of its own PID, mount, UTS and IPC namespaces;
#       the host's network): the packages' scripts run under a running systemd, the receiver
#       is started by its unit, and step 7 runs
# Steps, each said as it passes; the first that fails stops the script (exit 1):
#   1. apt-get install ./vigil-*.deb: every dependency comes from Debian's archive
#   2. systemd-analyze verify on every unit the packages installed
#   3. vigil-kiosk --self-test from the installed files: on a sample seat when exam/samples is
#      beside this script (Locked, exit 0), and as the kiosk user on its own data folder
#   4. vigil-console --self-test on a demo centre (init-demo) from the installed files
#   5. vigil-store self-check, vigil-pack --help
#   6. vigil-syncd: not started without its key (under systemd); after `vigil-syncd init` it
#      starts on the embedded store (under systemd: its unit is active) and answers
#      GET /v1/health over HTTPS
#   7. under systemd: apt-get purge vigil-syncd stops the service and removes its unit;
#      nothing answers any more, and the receiver's keys stay where purge says
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = --fresh-root ]; then
    debs=$(cd "${2:-$here/../build/packages}" && pwd)
    pristine=/var/tmp/fresh-debian/pristine
    root=/var/tmp/fresh-debian/packages-check
    [ "$(id -u)" = 0 ] || { echo "check-packages: run as root" >&2; exit 2; }
    [ -f "$pristine/.complete" ] ||
        { echo "check-packages: no $pristine: run ../shared/tools/fresh-debian-check true once" >&2; exit 2; }
    unmount() {
        for m in dev/pts dev proc sys run tmp; do umount -l "$root/$m" 2>/dev/null || true; done
    }
    trap unmount EXIT
    unmount
    rm -rf "$root"
    cp -a "$pristine" "$root"
    cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
    mount --bind /dev "$root/dev"
    mount --bind /dev/pts "$root/dev/pts"
    mount -t proc proc "$root/proc"
    mount -t sysfs sys "$root/sys"
    mount -t tmpfs tmpfs "$root/run"
    mount -t tmpfs tmpfs "$root/tmp"
    mkdir -p "$root/srv/check/scripts" "$root/srv/check/packages" "$root/srv/check/exam"
    cp "$debs"/vigil-*.deb "$root/srv/check/packages/"
    cp "$0" "$root/srv/check/scripts/check-packages.sh"
    cp -a "$here/../exam/samples" "$root/srv/check/exam/"
    chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        /bin/bash /srv/check/scripts/check-packages.sh /srv/check/packages
    exit $?
fi

if [ "${1:-}" = --booted ]; then
    debs=$(cd "${2:-$here/../build/packages}" && pwd)
    pristine=/var/tmp/fresh-debian/pristine
    root=/var/tmp/fresh-debian/packages-booted
    log=/var/tmp/fresh-debian/packages-booted.log
    [ "$(id -u)" = 0 ] || { echo "check-packages: run as root" >&2; exit 2; }
    [ -f "$pristine/.complete" ] ||
        { echo "check-packages: no $pristine: run ../shared/tools/fresh-debian-check true once" >&2; exit 2; }
    for tool in unshare nsenter; do
        command -v $tool >/dev/null || { echo "check-packages: $tool is missing (util-linux)" >&2; exit 2; }
    done
    boot_pid=
    init_pid=
    unmount() {
        for m in dev/pts dev proc sys run tmp; do umount -l "$root/$m" 2>/dev/null || true; done
    }
    shut_down() {
        # SIGRTMIN+4 is systemd's poweroff: it stops every unit, then its namespaces end.
        if [ -n "$init_pid" ]; then
            kill -s SIGRTMIN+4 "$init_pid" 2>/dev/null || true
            for _ in $(seq 1 150); do kill -0 "$init_pid" 2>/dev/null || break; sleep 0.2; done
            kill -s KILL "$init_pid" 2>/dev/null || true
        fi
        unmount
    }
    trap shut_down EXIT
    unmount
    rm -rf "$root"
    cp -a "$pristine" "$root"
    cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
    # The pristine root is debootstrap's minbase, which has no init: systemd is installed as a
    # centre's Debian has it. Then packages may start services (the root's policy-rc.d said no).
    mount --bind /dev "$root/dev"
    mount -t proc proc "$root/proc"
    mount -t sysfs sys "$root/sys"
    chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive \
        sh -c 'apt-get update -q && apt-get install -y -q --no-install-recommends systemd systemd-sysv dbus' \
        >"$log" 2>&1 || { tail -20 "$log" >&2; echo "check-packages: installing systemd in $root failed" >&2; exit 1; }
    unmount
    rm -f "$root/usr/sbin/policy-rc.d"
    mkdir -p "$root/srv/check/scripts" "$root/srv/check/packages" "$root/srv/check/exam"
    cp "$debs"/vigil-*.deb "$root/srv/check/packages/"
    cp "$0" "$root/srv/check/scripts/check-packages.sh"
    cp -a "$here/../exam/samples" "$root/srv/check/exam/"
    # systemd as PID 1 of new namespaces, with the root as its / (a mount point of its own);
    # it mounts /proc, /sys, /dev and /run itself; the units' output is in its journal.
    unshare --pid --fork --mount --uts --ipc --propagation private /bin/sh -c \
        "mount --bind '$root' '$root' && exec chroot '$root' /usr/bin/env -i container=vigil-check \
            /lib/systemd/systemd --log-target=console" >>"$log" 2>&1 &
    boot_pid=$!
    for _ in $(seq 1 50); do
        init_pid=$(cat "/proc/$boot_pid/task/$boot_pid/children" 2>/dev/null | tr -d ' ') || true
        [ -z "$init_pid" ] || break
        sleep 0.2
    done
    [ -n "$init_pid" ] || { echo "check-packages: systemd did not start (see $log)" >&2; exit 1; }
    in_booted() {
        nsenter --target "$init_pid" --mount --uts --ipc --pid --root --wd \
            /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"
    }
    # systemd can be asked once it has mounted /run, says it runs (sd_booted) and listens on
    # its private socket (systemctl's way in as root).
    for _ in $(seq 1 150); do
        [ ! -d "/proc/$init_pid/root/run/systemd/system" ] ||
            [ ! -S "/proc/$init_pid/root/run/systemd/private" ] || break
        sleep 0.2
    done
    # Booted: every unit started (running) or some failed (degraded, listed: this container
    # has no hardware, so a unit may fail that a PC runs).
    state=$(in_booted timeout 120 systemctl is-system-running --wait 2>&1) || true
    case "$state" in
    running) ;;
    degraded) echo "check-packages: booted (degraded: $(in_booted systemctl --failed --plain --no-legend | cut -d' ' -f1 | tr '\n' ' '))" ;;
    *) echo "check-packages: systemd did not boot: $state (see $log)" >&2; exit 1 ;;
    esac
    echo "check-packages: booted systemd $(in_booted systemctl --version | head -n 1 | cut -d' ' -f2) as PID 1 of $root"
    in_booted /bin/bash /srv/check/scripts/check-packages.sh /srv/check/packages
    exit $?
fi

debs=${1:-$here/../build/packages}
samples=$here/../exam/samples
work=$(mktemp -d /tmp/vigil-check.XXXXXX)
chmod 0755 "$work"
syncd_pid=

finish() {
    [ -z "$syncd_pid" ] || kill "$syncd_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap finish EXIT

fail() {
    echo "check-packages: FAILED: $*" >&2
    exit 1
}
passed() { echo "check-packages: ok: $*"; }
# Any other command that fails stops the script too, and says which.
trap 'echo "check-packages: FAILED: line $LINENO: $BASH_COMMAND" >&2' ERR

[ "$(id -u)" = 0 ] || fail "run as root (it installs packages)"
debs=$(cd "$debs" && pwd)
for package in vigil-kiosk vigil-console vigil-syncd vigil-tools; do
    ls "$debs/${package}_"*.deb >/dev/null 2>&1 || fail "no ${package}_*.deb in $debs"
done
systemd_running=no
[ -d /run/systemd/system ] && systemd_running=yes

# 1. Install: apt resolves every dependency from the configured Debian archive.
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >"$work/apt-update.log" 2>&1 || { cat "$work/apt-update.log"; fail "apt-get update"; }
apt-get install -y -q "$debs"/vigil-*.deb >"$work/apt-install.log" 2>&1 ||
    { tail -40 "$work/apt-install.log"; fail "apt-get install ./vigil-*.deb"; }
grep '^vigil-' "$work/apt-install.log" || true
passed "apt-get install $(cd "$debs" && echo vigil-*.deb)"
# curl for the health endpoint (not a dependency of any package).
command -v curl >/dev/null || apt-get install -y -q --no-install-recommends curl ca-certificates \
    >"$work/apt-curl.log" 2>&1 || fail "apt-get install curl"

# 2. Every unit the packages installed, as systemd reads it.
for unit in $(dpkg -L vigil-kiosk vigil-syncd | grep '^/lib/systemd/system/.*\.service$'); do
    verify=$(systemd-analyze verify "$unit" 2>&1) || fail "systemd-analyze verify $unit: $verify"
    [ -z "$verify" ] || fail "systemd-analyze verify $unit: $verify"
    passed "systemd-analyze verify $unit"
done

# 3. The kiosk from the installed files.
if [ -d "$samples/mot-braking-lighting-tyres" ]; then
    seat=$work/kiosk
    install -d -m 0700 "$seat/data" "$seat/data/trust" "$seat/keys"
    vigil-pack keygen --signing "$seat/keys/ab" >/dev/null
    vigil-pack keygen --signing "$seat/keys/centre" >/dev/null
    vigil-pack keygen --box "$seat/keys/centre-box" >/dev/null
    cp "$seat/keys/ab.pub" "$seat/data/trust/awarding-body-signing.pub"
    vigil-pack keygen --box "$seat/keys/ab-box" >/dev/null
    cp "$seat/keys/ab-box.pub" "$seat/data/trust/awarding-body-box.pub"
    cp "$seat/keys/centre.pub" "$seat/data/trust/issuer-signing.pub"
    printf 'centre=C0451\nroom=Workshop 2\nseat=PC07\n' >"$seat/data/seat.conf"
    vigil-pack build "$samples/mot-braking-lighting-tyres" --signing-key "$seat/keys/ab.sk" \
        --centre "C0451=$seat/keys/centre-box.pub" -o "$seat/mot.vigil" >/dev/null
    vigil-kiosk --self-test --data-dir "$seat/data" >/dev/null 2>&1 || true # makes its key
    VIGIL_PIN_INV_0042=482916 VIGIL_PASSWORD_INV_0042=Brake-Fluid-77 \
        vigil-pack assign --signing-key "$seat/keys/centre.sk" --package "$seat/mot.vigil" \
        --ab-key "$seat/keys/ab.pub" --kiosk-key "$seat/data/kiosk-signing.pub" \
        --centre-key "$seat/keys/centre-box.sk" --session CHECK-1 --centre C0451 \
        --centre-name "Package check" --room "Workshop 2" --seat PC07 --date "$(date +%F)" \
        --candidate "Jordan Ellis" --registration AB123456 --invigilator "INV-0042:Sam Carter" \
        -o "$seat/pc07.vseat" >/dev/null
    report=$(vigil-kiosk --self-test --data-dir "$seat/data" --package "$seat/mot.vigil" \
        --assignment "$seat/pc07.vseat" 2>&1) || fail "vigil-kiosk --self-test on a sample seat: $report"
    grep -q 'self-test: screen=Locked' <<<"$report" || fail "vigil-kiosk --self-test: $report"
    passed "vigil-kiosk --self-test on a sample seat: $(grep 'self-test:' <<<"$report")"
fi
# As the kiosk's own user on the folder the package made: it creates its store key there;
# without a seat and trust keys it is Out of service (exit 1), with its screens loaded.
report=$(runuser -u vigil-kiosk -- vigil-kiosk --self-test 2>&1) || true
grep -q 'qml=loaded' <<<"$report" || fail "vigil-kiosk --self-test as vigil-kiosk: $report"
[ "$(stat -c %U /var/lib/vigil-kiosk/store.key 2>/dev/null)" = vigil-kiosk ] ||
    fail "the kiosk user could not create its store in /var/lib/vigil-kiosk: $report"
passed "vigil-kiosk --self-test as vigil-kiosk in /var/lib/vigil-kiosk: $(grep 'self-test:' <<<"$report")"

# 4. The console on a demo centre.
demo_args=()
[ ! -d "$samples" ] || demo_args=(--samples "$samples")
vigil-console init-demo "$work/console" "${demo_args[@]}" >"$work/init-demo.log" 2>&1 ||
    fail "vigil-console init-demo: $(cat "$work/init-demo.log")"
report=$(vigil-console --self-test --data-dir "$work/console/data" --listen 127.0.0.1:0 2>&1) ||
    fail "vigil-console --self-test: $report"
grep -q 'self-test: OK' <<<"$report" || fail "vigil-console --self-test: $report"
passed "vigil-console --self-test on a demo centre"

# 5. The tools.
vigil-store self-check >"$work/store.log" 2>&1 || fail "vigil-store self-check: $(cat "$work/store.log")"
passed "vigil-store self-check"
vigil-pack --help | grep -q '^usage: vigil-pack' || fail "vigil-pack --help"
passed "vigil-pack --help"

# 6. The receiver: nothing listens until its key exists.
if [ "$systemd_running" = yes ]; then
    systemctl start vigil-syncd.service || true
    ! systemctl is-active --quiet vigil-syncd.service ||
        fail "vigil-syncd.service started without its key"
    passed "vigil-syncd.service does not start without its key (ConditionPathExists)"
fi
runuser -u vigil-syncd -- vigil-syncd init --config /etc/vigil/syncd.conf >"$work/init.log" 2>&1 ||
    fail "vigil-syncd init: $(cat "$work/init.log")"
passed "vigil-syncd init: $(cat "$work/init.log")"
if [ "$systemd_running" = yes ]; then
    systemctl start vigil-syncd.service
    systemctl is-active --quiet vigil-syncd.service ||
        fail "vigil-syncd.service is not active: $(systemctl status vigil-syncd.service 2>&1 | tail -5)"
    passed "vigil-syncd.service is active under systemd"
else
    # No systemd here (a plain chroot or container): the unit's command, as the unit's user.
    command=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/vigil-syncd.service)
    runuser -u vigil-syncd -- $command >"$work/serve.log" 2>&1 &
    syncd_pid=$!
fi
health=
for _ in $(seq 1 50); do
    health=$(curl -sk --max-time 2 https://127.0.0.1:8443/v1/health 2>/dev/null) && break
    sleep 0.2
done
[ -n "$health" ] || fail "no answer on https://127.0.0.1:8443/v1/health"
passed "vigil-syncd on its embedded store answers /v1/health: $health"

# 7. Purge under systemd: the service stops and its unit goes; the receiver's keys stay.
if [ "$systemd_running" = yes ]; then
    apt-get purge -y -q vigil-syncd >"$work/purge.log" 2>&1 ||
        { tail -20 "$work/purge.log"; fail "apt-get purge vigil-syncd"; }
    ! systemctl is-active --quiet vigil-syncd.service || fail "vigil-syncd.service is active after purge"
    [ ! -e /lib/systemd/system/vigil-syncd.service ] || fail "the unit file stays after purge"
    ! systemctl cat vigil-syncd.service >/dev/null 2>&1 || fail "systemd still has vigil-syncd.service"
    for exe in /proc/[0-9]*/exe; do
        case "$(readlink "$exe" 2>/dev/null)" in
        /usr/bin/vigil-syncd*) fail "a vigil-syncd process runs after purge (${exe%/exe})" ;;
        esac
    done
    ! curl -sk --max-time 2 https://127.0.0.1:8443/v1/health >/dev/null 2>&1 ||
        fail "something still answers on https://127.0.0.1:8443 after purge"
    grep -q "kept /var/lib/vigil-syncd" "$work/purge.log" || fail "purge did not say where the data is"
    [ -f /var/lib/vigil-syncd/receiver.key ] || fail "purge removed the receiver's key"
    passed "apt-get purge vigil-syncd: stopped, its unit gone, nothing answers; $(grep -o 'kept /var/lib/vigil-syncd[^;]*' "$work/purge.log" | head -n 1)"
fi
echo "check-packages: all checks passed"
