#!/bin/sh
# Builds and checks the R package (r/) against this build tree's libfulcrum.so: the glue
# compiles warning-free with the project's flags, then `R CMD build` and `R CMD check
# --no-manual` (which runs the examples and the testthat suite, comparing with this tree's
# fulcrum tool) pass with no ERROR or WARNING. Offline: nothing is fetched.
# Exits 77 (skipped) without R, or for a sanitized tree (R would need the sanitizer runtimes
# preloaded; the Release and clang trees check the package).
# Usage: run_r_check.sh SOURCE_DIR LIBRARY_DIR CLI SANITIZE(ON/OFF) CC SHARED_DIR
src=$1 libdir=$2 cli=$3 sanitize=$4 cc=$5 shared=$6
if ! command -v R >/dev/null 2>&1 || ! command -v Rscript >/dev/null 2>&1; then
    echo "R not found: skipped (scripts/bootstrap.sh installs r-base-dev and r-cran-testthat)"
    exit 77
fi
if [ "$sanitize" = "ON" ]; then
    echo "sanitized tree: the R package is checked in the Release and clang trees: skipped"
    exit 77
fi
if ! Rscript -e 'quit(status = !requireNamespace("testthat", quietly = TRUE))' >/dev/null 2>&1; then
    echo "testthat not found: skipped (scripts/bootstrap.sh installs r-cran-testthat)"
    exit 77
fi
set -e
rinc=$(R RHOME)/include
[ -d "$rinc" ] || rinc=/usr/share/R/include
"$cc" -std=c17 -Wall -Wextra -Werror -Wmissing-prototypes -fsyntax-only -I"$rinc" -I"$src/include" \
    "$src/r/src/fulcrum.c"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$src/r" "$work/fulcrum"
rm -f "$work/fulcrum/src/Makevars" "$work/fulcrum/src/"*.o "$work/fulcrum/src/"*.so
export FULCRUM_LIB_DIR="$libdir" FULCRUM_INCLUDE_DIR="$src/include"
export FULCRUM_CLI="$cli" FULCRUM_SOURCE_DIR="$src" FULCRUM_SHARED_DIR="$shared"
export _R_CHECK_CRAN_INCOMING_=false _R_CHECK_CRAN_INCOMING_REMOTE_=false R_LIBS_USER="$work/lib"
export OMP_NUM_THREADS=2
cd "$work"
R CMD build --no-build-vignettes --no-manual fulcrum
tarball=$(ls fulcrum_*.tar.gz)
status=0
R CMD check --no-manual --no-build-vignettes "$tarball" || status=$?
log=fulcrum.Rcheck/00check.log
if [ -f fulcrum.Rcheck/tests/testthat.Rout.fail ]; then
    cat fulcrum.Rcheck/tests/testthat.Rout.fail
fi
if [ "$status" -ne 0 ] || grep -q "WARNING\|ERROR" "$log"; then
    echo "R CMD check failed or warned:"
    cat "$log"
    exit 1
fi
grep -h "\[ FAIL" fulcrum.Rcheck/tests/testthat.Rout || true
grep -B1 -A6 "NOTE" "$log" || true
echo "R CMD check: OK"
