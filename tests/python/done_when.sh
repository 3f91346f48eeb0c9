#!/bin/sh
# Issue 15's done-when as a test: installs both packages the way `make run` does
# (scripts/install-bindings.sh), but into a temporary prefix rather than the system, then runs
# the two bare commands (python3 from PATH and Debian's, Rscript) through
# scripts/check-bindings.sh, which compares what they print with this tree's command line.
# A sanitized tree installs the Release tree's library of the same checkout (build/, which
# `make test` builds first): a sanitized library does not load into a bare interpreter.
# Exits 77 without Debian's python3 and its pip and wheel, or without that tree.
# Usage: done_when.sh SOURCE_DIR LIBRARY CLI SANITIZE(ON/OFF)
src=$1 lib=$2 cli=$3 sanitize=$4
if [ "$sanitize" = "ON" ]; then
    if [ ! -e "$src/build/libfulcrum.so.0" ] || [ ! -x "$src/build/fulcrum" ]; then
        echo "sanitized tree and no Release tree ($src/build): skipped"
        exit 77
    fi
    lib=$src/build/libfulcrum.so.0 cli=$src/build/fulcrum
fi
if ! /usr/bin/python3 -c "import setuptools, wheel, pip" >/dev/null 2>&1; then
    echo "Debian's python3 with pip, wheel and setuptools not found: skipped (scripts/bootstrap.sh)"
    exit 77
fi
set -e
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
sh "$src/scripts/install-bindings.sh" "$src" "$lib" "$prefix"
sh "$src/scripts/check-bindings.sh" "$cli" "$prefix"
