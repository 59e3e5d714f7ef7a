#!/bin/bash
# Installs Vigil's kiosk session on a centre PC: the vigil-kiosk user, its data folder, the
# systemd unit running cage on tty1, its PAM service and launcher, and the system settings that
# keep a candidate inside it (no SysRq, no Ctrl+Alt+Del, no other VT, no core dumps). Run as
# root. Idempotent: running it again repairs modes and owners and changes nothing else.
#
#   install-kiosk-session.sh [--root DIR] [--no-reload] [--trust-keys DIR] [--seat-conf FILE]
#     --root DIR         install into the system image at DIR instead of / (nothing is started)
#     --no-reload        do not run systemctl daemon-reload (implied by --root)
#     --trust-keys DIR   install the centre's trust keys from DIR (awarding-body-signing.pub,
#                        awarding-body-box.pub, issuer-signing.pub); a centre-box.key there is
#                        never installed: no kiosk holds the centre's box key
#     --seat-conf FILE   install FILE as this PC's seat.conf (centre=, room=, seat=, and
#                        console=host:port where the centre runs a console)
#
# The kiosk program itself (/usr/bin/vigil-kiosk) comes from Vigil's package or cmake --install.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=/
reload=yes
trust_source=
seat_source=

while [ $# -gt 0 ]; do
    case "$1" in
        --root) root=${2:?--root needs a directory}; shift 2 ;;
        --no-reload) reload=no; shift ;;
        --trust-keys) trust_source=${2:?--trust-keys needs a directory}; shift 2 ;;
        --seat-conf) seat_source=${2:?--seat-conf needs a file}; shift 2 ;;
        -h|--help) sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install-kiosk-session: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done

fail() {
    echo "install-kiosk-session: $*" >&2
    exit 1
}

[ "$(id -u)" = 0 ] || fail "run as root (it creates a system user and installs a service)"
[ -d "$root" ] || fail "root '$root' is not a directory"
root=$(cd "$root" && pwd)
[ "$root" = / ] || reload=no
[ -z "$trust_source" ] || [ -d "$trust_source" ] || fail "trust keys '$trust_source' is not a directory"
[ -z "$seat_source" ] || [ -f "$seat_source" ] || fail "seat.conf '$seat_source' is not a file"
for file in prepare-data-folder systemd/vigil-kiosk.service pam/vigil-kiosk kiosk-session \
    sysctl/99-vigil-kiosk.conf logind/vigil-kiosk.conf coredump/vigil-kiosk.conf; do
    [ -f "$source_dir/$file" ] || fail "missing $source_dir/$file"
done

unit_dir=/etc/systemd/system
in_root() { printf '%s%s' "${root%/}" "$1"; }

# The account, its data folder, the centre's trust keys and seat (shared with the package).
prepare_args=(--root "$root")
[ -z "$trust_source" ] || prepare_args+=(--trust-keys "$trust_source")
[ -z "$seat_source" ] || prepare_args+=(--seat-conf "$seat_source")
"$source_dir/prepare-data-folder" "${prepare_args[@]}"

install -D -m 0644 "$source_dir/systemd/vigil-kiosk.service" "$(in_root "$unit_dir/vigil-kiosk.service")"
install -D -m 0644 "$source_dir/pam/vigil-kiosk" "$(in_root /etc/pam.d/vigil-kiosk)"
install -D -m 0755 "$source_dir/kiosk-session" "$(in_root /usr/libexec/vigil-kiosk/kiosk-session)"

# The kernel's keys, other VTs and core dumps (see each file for why).
install -D -m 0644 "$source_dir/sysctl/99-vigil-kiosk.conf" "$(in_root /etc/sysctl.d/99-vigil-kiosk.conf)"
install -D -m 0644 "$source_dir/logind/vigil-kiosk.conf" \
    "$(in_root /etc/systemd/logind.conf.d/vigil-kiosk.conf)"
install -D -m 0644 "$source_dir/coredump/vigil-kiosk.conf" \
    "$(in_root /etc/systemd/coredump.conf.d/vigil-kiosk.conf)"
# Ctrl+Alt+Del reaches systemd whenever the kernel reads the keyboard (a text console, or
# after SysRq+R): masked, so it never reboots the PC mid-sitting.
install -d -m 0755 "$(in_root "$unit_dir")"
ln -sfn /dev/null "$(in_root "$unit_dir/ctrl-alt-del.target")"

# tty1 shows the kiosk, never a login prompt (autovt@ is what logind spawns on a VT switch).
for getty in getty@tty1.service autovt@tty1.service; do
    ln -sfn /dev/null "$(in_root "$unit_dir/$getty")"
done
# Start at boot: enabled under graphical.target, which becomes the default target.
install -d -m 0755 "$(in_root "$unit_dir/graphical.target.wants")"
ln -sfn "$unit_dir/vigil-kiosk.service" "$(in_root "$unit_dir/graphical.target.wants/vigil-kiosk.service")"
ln -sfn /lib/systemd/system/graphical.target "$(in_root "$unit_dir/default.target")"

if [ "$reload" = yes ] && command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl daemon-reload
    # Applied now as well as at every boot; logind reads its drop-in at the next boot.
    sysctl -q -p /etc/sysctl.d/99-vigil-kiosk.conf || true
    echo "install-kiosk-session: installed; the kiosk starts at the next boot" \
         "(or now: systemctl start vigil-kiosk.service)"
else
    echo "install-kiosk-session: installed into $root"
fi
