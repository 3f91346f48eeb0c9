#!/bin/sh
# Runs the Python binding's pytest suite (python/tests) against this build tree's
# libfulcrum.so and fulcrum tool. Exits 77 (skipped) without python3 and pytest.
# Usage: run_pytest.sh SOURCE_DIR LIBRARY CLI SANITIZE(ON/OFF) CC
src=$1 lib=$2 cli=$3 sanitize=$4 cc=$5
py=""
for cand in /usr/bin/python3 python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c "import pytest" >/dev/null 2>&1; then
        py=$cand
        break
    fi
done
if [ -z "$py" ]; then
    echo "python3 with pytest not found: skipped (scripts/bootstrap.sh installs python3-pytest)"
    exit 77
fi
export FULCRUM_LIBRARY="$lib" FULCRUM_CLI="$cli" FULCRUM_SOURCE_DIR="$src"
export PYTHONPATH="$src/python${PYTHONPATH:+:$PYTHONPATH}" PYTHONDONTWRITEBYTECODE=1
if [ "$sanitize" = "ON" ]; then
    # A sanitized library loads into python only with its runtimes first; Python's own
    # allocations at exit are not the library's leaks (valgrind and the C tests cover those), and
    # without a quarantine freed memory is reused, so the RSS check still sees real leaks.
    asan=$("$cc" -print-file-name=libasan.so) ubsan=$("$cc" -print-file-name=libubsan.so)
    if [ ! -e "$asan" ]; then
        echo "no shared AddressSanitizer runtime for a sanitized libfulcrum.so: skipped"
        exit 77
    fi
    export LD_PRELOAD="$asan${ubsan:+ $ubsan}" ASAN_OPTIONS="detect_leaks=0:quarantine_size_mb=0:$ASAN_OPTIONS"
fi
exec "$py" -m pytest -q -p no:cacheprovider "$src/python/tests"
