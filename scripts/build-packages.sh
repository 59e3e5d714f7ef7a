#!/usr/bin/env bash
# Builds Vigil's four Debian packages (vigil-kiosk, vigil-console, vigil-syncd, vigil-tools)
# from this tree: a release build of its own (build/package, the release preset with the prefix
# /usr), CPack's DEB generator (packaging/CMakeLists.txt), then lintian on each package. As
# root on Debian 12 (it installs lintian when missing). The packages land in build/packages/.
# Tags lintian still reports are each explained in packaging/README.md and overridden, with the
# reason, in packaging/lintian/; anything else fails this script.
#   scripts/build-packages.sh            build, package, lint
#   VIGIL_PACKAGE_REVISION=N scripts/build-packages.sh   the same, as version <project>-N
#   scripts/check-packages.sh            then, in a fresh Debian 12 root, install and check them
set -euo pipefail
cd "$(dirname "$0")/.."

build=build/package
out=build/packages
log_dir=build/logs
mkdir -p "$log_dir"

# Runs a step with its output in a log; shows the log only when the step fails.
quietly() {
    local name=$1
    shift
    if ! "$@" >"$log_dir/$name.log" 2>&1; then
        echo "build-packages: '$name' failed; its output ($log_dir/$name.log):" >&2
        tail -n 60 "$log_dir/$name.log" >&2
        exit 1
    fi
}

# dpkg-shlibdeps (dpkg-dev) writes the dependencies, on the binaries CPack finds with `file`;
# lintian checks the result.
missing=()
for package in dpkg-dev file lintian; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" = 0 ] || { echo "build-packages: run as root to install: ${missing[*]}" >&2; exit 1; }
    echo "build-packages: installing ${missing[*]}..."
    export DEBIAN_FRONTEND=noninteractive
    quietly apt-update apt-get update -q
    quietly apt-install-packaging apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -f "$build/build.ninja" ]; then
    # Only the packaged programs are built; cpack then installs without building the rest.
    quietly configure-package cmake --preset release -B "$build" -DCMAKE_INSTALL_PREFIX=/usr \
        -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON
fi
# Configured again on every run: the packages' revision (the build counter after the project's
# version) is VIGIL_PACKAGE_REVISION when set, else the tree's commit count now
# (packaging/README.md, "Versions").
quietly revision-package cmake -S . -B "$build" -DVIGIL_PACKAGE_REVISION="${VIGIL_PACKAGE_REVISION:-}"
quietly build-package cmake --build "$build" --target vigil-packaged-programs
rm -f "$build"/vigil-*.deb
(cd "$build" && cpack -G DEB) >"$log_dir/cpack.log" 2>&1 || {
    echo "build-packages: cpack failed; its output ($log_dir/cpack.log):" >&2
    tail -n 60 "$log_dir/cpack.log" >&2
    exit 1
}
mkdir -p "$out"
rm -f "$out"/vigil-*.deb
mv "$build"/vigil-*.deb "$out"/

status=0
for deb in "$out"/vigil-*.deb; do
    # Errors and warnings fail; info and pedantic tags are shown for the record.
    if lintian --fail-on error,warning --info "$deb" >"$log_dir/lintian-$(basename "$deb").log" 2>&1; then
        echo "build-packages: $(basename "$deb"): lintian clean"
    else
        echo "build-packages: $(basename "$deb"): lintian:" >&2
        cat "$log_dir/lintian-$(basename "$deb").log" >&2
        status=1
    fi
done
[ "$status" = 0 ] || exit 1
(cd "$out" && sha256sum vigil-*.deb)
echo "build-packages: in $out; install and check them in a fresh Debian 12 root with" \
    "scripts/check-packages.sh $out"
