#!/usr/bin/env bash
# run_fuzz_target.sh BINARY SECONDS WORK_DIR CORPUS_DIR...: what each fuzz_* CTest test runs.
# Replays every input of the corpus folders (seeds, regressions), then fuzzes for SECONDS, with
# the target's dictionary (tests/fuzz/dictionaries/NAME.dict) when it has one.
# New inputs go to WORK_DIR/corpus (fresh each run); a crashing input to WORK_DIR/artifacts.
set -euo pipefail
binary=$1 seconds=$2 work=$3
shift 3
name=$(basename "$binary")
if [ ! -x "$binary" ]; then
    echo "FAIL: $binary is not built. The fuzz targets are built by clang in their own tree," \
        "before the tests: cmake --preset fuzz && cmake --build build/fuzz" \
        "(scripts/setup.sh test does both)." >&2
    exit 1
fi
rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
corpora=()
for folder in "$@"; do
    [ -d "$folder" ] && corpora+=("$folder")
done
flags=()
dictionary=$(dirname "$0")/dictionaries/${name#fuzz_}.dict
[ -f "$dictionary" ] && flags+=("-dict=$dictionary")
if ! "$binary" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "${flags[@]}" "$work/corpus" "${corpora[@]}"; then
    echo "FAIL: $name crashed (above). The input is in $work/artifacts/: reproduce with" \
        "'$binary <input>', fix the parser, and add the input to" \
        "tests/fuzz/regressions/${name#fuzz_}/ so the suite replays it." >&2
    exit 1
fi
