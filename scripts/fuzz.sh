#!/usr/bin/env bash
# Fuzzes the parsers for longer than the test suite does (tests/fuzz/README.md):
#   scripts/fuzz.sh TARGET|all [SECONDS] [LIBFUZZER_FLAG...]
# TARGET is a name from tests/fuzz/CMakeLists.txt (qti_zip, package, ...); SECONDS per target
# (default 600). Builds the fuzz tree (clang) when needed. Each target keeps its corpus in
# build/fuzz/corpus/TARGET across runs, starting from its seeds and regression inputs; a
# crashing input lands in build/fuzz/artifacts/TARGET/ and the log in build/fuzz/logs/.
# Exits non-zero when any target crashed.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:-}
seconds=${2:-600}
if [ -z "$target" ] || ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh TARGET|all [SECONDS] [LIBFUZZER_FLAG...]" >&2
    exit 2
fi
shift $(($# < 2 ? $# : 2))

tree=build/fuzz
if [ ! -f "$tree/build.ninja" ]; then
    cmake --preset fuzz >/dev/null
fi
cmake --build "$tree" >/dev/null

if [ "$target" = all ]; then
    targets=()
    for binary in "$tree"/fuzz_*; do
        [ -x "$binary" ] && targets+=("$(basename "$binary")")
    done
else
    targets=("fuzz_$target")
    if [ ! -x "$tree/fuzz_$target" ]; then
        echo "fuzz: no target '$target'; there are:" $(cd "$tree" && ls fuzz_* | sed 's/^fuzz_//') >&2
        exit 2
    fi
fi

mkdir -p "$tree/logs"
crashed=0
for binary in "${targets[@]}"; do
    name=${binary#fuzz_}
    corpus=$tree/corpus/$name
    artifacts=$tree/artifacts/$name
    log=$tree/logs/$name.log
    mkdir -p "$corpus" "$artifacts"
    corpora=("$corpus")
    for folder in "$tree/seeds/$name" "tests/fuzz/regressions/$name"; do
        [ -d "$folder" ] && corpora+=("$folder")
    done
    flags=()
    [ -f "tests/fuzz/dictionaries/$name.dict" ] && flags+=("-dict=tests/fuzz/dictionaries/$name.dict")
    echo "fuzz: $name for ${seconds}s (log: $log)"
    if "$tree/$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "${flags[@]}" "$@" "${corpora[@]}" \
        >"$log" 2>&1; then
        echo "fuzz: $name: no crash; $(grep -E '^#[0-9]+' "$log" | tail -n 1)"
    else
        crashed=1
        grep -E 'ERROR: |runtime error: |==ERROR|Test unit written to' "$log" >&2 || tail -n 20 "$log" >&2
        echo "fuzz: $name CRASHED: fix the parser and add the input to" \
            "tests/fuzz/regressions/$name/ (tests/fuzz/README.md)" >&2
    fi
done
exit "$crashed"
