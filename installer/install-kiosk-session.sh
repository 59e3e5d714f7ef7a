#!/bin/bash
# Installs Vigil's kiosk session on a centre PC: the vigil-kiosk user, its data folder, the
# systemd unit running cage on tty1, its PAM service and launcher. Run as root. Idempotent:
# running it again repairs modes and owners and changes nothing else.
#
#   install-kiosk-session.sh [--root DIR] [--no-reload]
#     --root DIR    install into the system image at DIR instead of / (nothing is started)
#     --no-reload   do not run systemctl daemon-reload (implied by --root)
#
# The kiosk program itself (/usr/bin/vigil-kiosk) comes from Vigil's package or cmake --install.
set -euo pipefail

source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=/
reload=yes

while [ $# -gt 0 ]; do
    case "$1" in
        --root) root=${2:?--root needs a directory}; shift 2 ;;
        --no-reload) reload=no; shift ;;
        -h|--help) sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
for file in systemd/vigil-kiosk.service pam/vigil-kiosk kiosk-session; do
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

# Its data: answers, journals and the encrypted store. Nobody else may read them.
install -d -m 0755 "$(in_root /var/lib)"
install -d -m 0700 -o "$uid" -g "$gid" "$(in_root "$data_dir")"
chmod 0700 "$(in_root "$data_dir")"
chown "$uid:$gid" "$(in_root "$data_dir")"
# The centre's configuration (e.g. denied-processes.conf): root writes, the kiosk reads.
install -d -m 0755 "$(in_root /etc/vigil-kiosk)"

install -D -m 0644 "$source_dir/systemd/vigil-kiosk.service" "$(in_root "$unit_dir/vigil-kiosk.service")"
install -D -m 0644 "$source_dir/pam/vigil-kiosk" "$(in_root /etc/pam.d/vigil-kiosk)"
install -D -m 0755 "$source_dir/kiosk-session" "$(in_root /usr/libexec/vigil-kiosk/kiosk-session)"

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
    echo "install-kiosk-session: installed; the kiosk starts at the next boot" \
         "(or now: systemctl start vigil-kiosk.service)"
else
    echo "install-kiosk-session: installed into $root"
fi
