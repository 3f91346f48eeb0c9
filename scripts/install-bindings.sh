#!/bin/sh
# Installs the Python package (python/) and the R package (r/) the way `make run` and
# `make test` do, each with its own copy of libfulcrum.so.0, so that a bare `python3` and a
# bare `Rscript` load them without LD_LIBRARY_PATH and without the build tree.
#
# Usage: install-bindings.sh SOURCE_DIR LIBRARY [PREFIX]
#   LIBRARY: the libfulcrum.so.0 to bundle (a Release build's).
#   Without PREFIX, the real install:
#     - the python3 on PATH (pyenv's, when there is one): pip into its own site-packages;
#     - Debian's /usr/bin/python3: pip --target /usr/local/lib/python3.X/dist-packages, the
#       folder Debian keeps for the administrator's own packages (apt never writes there, so
#       PEP 668's guard, which protects /usr/lib/python3/dist-packages, is not bypassed);
#     - R: R CMD INSTALL into .libPaths()[1] (/usr/local/lib/R/site-library).
#   With PREFIX (tests): the Python package into PREFIX/python (a --target folder, for
#   PYTHONPATH) and the R package into PREFIX/R (for R_LIBS); nothing of the system changes.
# The wheel is built once, by Debian's python3 (its python3-wheel; pyenv's python has no
# wheel), offline; it is pure Python plus the library, so every python 3 installs the same one.
set -eu
src=$1 lib=$2 prefix=${3:-}
debpy=/usr/bin/python3
export PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Checkouts on one machine install into the same places: one at a time (flock), so that a
# second `make test` waits instead of failing on R's lock or mixing two packages' files.
if [ -z "$prefix" ] && command -v flock >/dev/null 2>&1; then
    exec 9>"${TMPDIR:-/tmp}/fulcrum-install-bindings.lock"
    flock 9
fi

if [ ! -e "$lib" ]; then
    echo "install-bindings: $lib not found (build first)" >&2
    exit 1
fi

# ---- Python: one wheel, the library inside the package ----
cp -R "$src/python" "$work/py"
rm -rf "$work/py/build" "$work/py/"*.egg-info "$work/py/tests"
cp -L "$lib" "$work/py/fulcrum/libfulcrum.so.0"
"$debpy" -m pip wheel -q --no-deps --no-build-isolation -w "$work/wheel" "$work/py"
wheel=$(ls "$work/wheel"/fulcrum-*.whl)

if [ -n "$prefix" ]; then
    "$debpy" -m pip install -q --no-deps --upgrade --target "$prefix/python" "$wheel"
else
    pathpy=$(command -v python3 || true)
    if [ -n "$pathpy" ] && [ "$(readlink -f "$pathpy")" != "$(readlink -f "$debpy")" ] &&
        [ "$("$pathpy" -c 'import sys; print(sys.prefix)')" != "/usr" ]; then
        # Its own environment (pyenv's): pip installs there as into any virtualenv.
        "$pathpy" -m pip install -q --no-deps --force-reinstall "$wheel"
        echo "install-bindings: fulcrum for $pathpy ($("$pathpy" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])'))"
    fi
    dist=/usr/local/lib/python3.$("$debpy" -c 'import sys; print(sys.version_info[1])')/dist-packages
    mkdir -p "$dist"
    # --target replaces the package folder and its dist-info and leaves the rest alone.
    "$debpy" -m pip install -q --no-deps --upgrade --target "$dist" "$wheel"
    (cd / && "$debpy" -c 'import fulcrum') || { echo "install-bindings: $debpy cannot import fulcrum" >&2; exit 1; }
    echo "install-bindings: fulcrum for $debpy ($dist)"
fi

# ---- R: the library in the package's lib/, found by an $ORIGIN rpath ----
if command -v R >/dev/null 2>&1; then
    cp -R "$src/r" "$work/fulcrum"
    rm -f "$work/fulcrum/src/Makevars" "$work/fulcrum/src/"*.o "$work/fulcrum/src/"*.so
    mkdir -p "$work/fulcrum/inst/lib"
    cp -L "$lib" "$work/fulcrum/inst/lib/libfulcrum.so.0"
    rlib=""
    if [ -n "$prefix" ]; then
        rlib=$prefix/R
        mkdir -p "$rlib"
    else
        # An install killed half-way leaves R's lock folder, which would refuse every later
        # one; holding the flock above, no other install of ours is running.
        rm -rf "$(Rscript -e 'cat(.libPaths()[1])')/00LOCK-fulcrum"
    fi
    (cd "$work" && FULCRUM_BUNDLED=1 FULCRUM_INCLUDE_DIR="$src/include" \
        R CMD INSTALL ${rlib:+-l "$rlib"} fulcrum > "$work/r.log" 2>&1) ||
        { cat "$work/r.log" >&2; exit 1; }
    echo "install-bindings: R package fulcrum (${rlib:-$(Rscript -e 'cat(.libPaths()[1])')})"
else
    echo "install-bindings: R not found; the R package is not installed" >&2
fi
