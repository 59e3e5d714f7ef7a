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
#                        awarding-body-box.pub, issuer-signing.pub, centre-box.key)
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
for file in systemd/vigil-kiosk.service pam/vigil-kiosk kiosk-session sysctl/99-vigil-kiosk.conf \
    logind/vigil-kiosk.conf coredump/vigil-kiosk.conf; do
    [ -f "$source_dir/$file" ] || fail "missing $source_dir/$file"
done

user=vigil-kiosk
data_dir=/var/lib/vigil-kiosk
unit_dir=/etc/systemd/system
in_root() { printf '%s%s' "${root%/}" "$1"; }

# The account: a system user with no password, no shell and no home of its own.
if ! grep -q "^$user:" "$(in_root /etc/passwd)" 2>/dev/null; then
    prefix_args=()
    [ "$root" = / ] || prefix_args=(--prefix "$root")
    useradd "${prefix_args[@]}" --system --user-group --home-dir "$data_dir" --no-create-home \
        --shell /usr/sbin/nologin --comment "Vigil exam kiosk" "$user"
    echo "install-kiosk-session: created user $user"
fi
# Numeric ids from the target's own passwd: under --root the user may not exist on this host.
uid=$(awk -F: -v u="$user" '$1 == u { print $3 }' "$(in_root /etc/passwd)")
gid=$(awk -F: -v u="$user" '$1 == u { print $4 }' "$(in_root /etc/passwd)")
[ -n "$uid" ] && [ -n "$gid" ] || fail "user $user has no entry in $(in_root /etc/passwd)"

# Its data folder: root's, with the kiosk's group allowed to add files (mode 1770). The kiosk
# creates its store, store key and signing key there; the sticky bit stops it renaming or
# deleting what root put there (trust/, seat.conf), so it can neither edit nor replace the keys
# it trusts or the seat it is. Nobody else may enter.
install -d -m 0755 "$(in_root /var/lib)"
data=$(in_root "$data_dir")
[ ! -L "$data" ] || fail "$data is a symbolic link: check who replaced the kiosk's data folder"
install -d -m 1770 -o 0 -g "$gid" "$data"
chown 0:"$gid" "$data"
chmod 1770 "$data"
# What the kiosk made itself stays its own (an older layout or a run as root may differ).
for own in store.key kiosk.db kiosk.db-wal kiosk.db-shm kiosk.db-journal kiosk-signing.key; do
    if [ -f "$data/$own" ] && [ ! -L "$data/$own" ]; then
        chown "$uid:$gid" "$data/$own"
    fi
done

# What the centre configures: root's, readable by the kiosk, written by nobody else.
for path in "$data/trust" "$data/seat.conf"; do
    [ ! -L "$path" ] || fail "$path is a symbolic link: check who replaced it, then remove it"
done
install -d -m 0755 -o 0 -g 0 "$data/trust"
chown 0:0 "$data/trust"
chmod 0755 "$data/trust"
public_keys=(awarding-body-signing.pub awarding-body-box.pub issuer-signing.pub)
if [ -n "$trust_source" ]; then
    found=no
    for key in "${public_keys[@]}" centre-box.key; do
        [ -f "$trust_source/$key" ] || continue
        found=yes
        # The centre's secret key: the kiosk refuses a secret others can read, so it is the
        # kiosk user's, mode 0600, in root's folder (it cannot be renamed or replaced there).
        if [ "$key" = centre-box.key ]; then
            install -m 0600 -o "$uid" -g "$gid" "$trust_source/$key" "$data/trust/$key"
        else
            install -m 0644 -o 0 -g 0 "$trust_source/$key" "$data/trust/$key"
        fi
    done
    [ "$found" = yes ] || fail "no trust key in '$trust_source' (expected ${public_keys[*]} centre-box.key)"
fi
for key in "${public_keys[@]}"; do
    path="$data/trust/$key"
    [ ! -L "$path" ] || fail "$path is a symbolic link: install the trust keys again"
    if [ -e "$path" ]; then
        chown 0:0 "$path"
        chmod 0644 "$path"
    fi
done
if [ -f "$data/trust/centre-box.key" ] && [ ! -L "$data/trust/centre-box.key" ]; then
    chown "$uid:$gid" "$data/trust/centre-box.key"
    chmod 0600 "$data/trust/centre-box.key"
fi
if [ -n "$seat_source" ]; then
    install -m 0644 -o 0 -g 0 "$seat_source" "$data/seat.conf"
elif [ ! -e "$data/seat.conf" ]; then
    # Present from the start, so the kiosk user can never be the one to create it.
    printf '%s\n' "# This PC's seat, written by the centre's IT support (kiosk: Out of service until" \
        "# all three are set). For example:" "# centre=C0451" "# room=Workshop 2" "# seat=PC07" \
        "# With a centre console, its address (host:port); without this line the PC stands alone:" \
        "# console=192.168.10.2:7443" >"$data/seat.conf"
fi
chown 0:0 "$data/seat.conf"
chmod 0644 "$data/seat.conf"

# The centre's configuration (e.g. denied-processes.conf): root writes, the kiosk reads.
install -d -m 0755 "$(in_root /etc/vigil-kiosk)"

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
