#!/usr/bin/env bash
# Runs what Vigil has built so far on its embedded defaults (called by `setup.sh run`).
set -euo pipefail
build=$1; shift
if [ -x "$build/store/vigil-store" ]; then
    "$build/store/vigil-store" self-check
fi
