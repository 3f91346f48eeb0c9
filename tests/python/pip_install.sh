#!/bin/sh
# Installs the Python package the way the docs say, offline, with Debian's python3: a venv
# with --system-site-packages (Debian's setuptools, pandas, numpy), then
# `pip install --no-index --no-build-isolation` of a copy of python/; imports the installed
# copy from elsewhere and checks that it prints the command line's forecast and that
# help(fulcrum) names every call. Exits 77 without python3's venv, pip or setuptools, and
# in a sanitized tree (python_binding covers the sanitized library).
# Usage: pip_install.sh SOURCE_DIR LIBRARY CLI SANITIZE(ON/OFF)
src=$1 lib=$2 cli=$3 sanitize=$4
py=/usr/bin/python3
if [ "$sanitize" = "ON" ]; then
    echo "sanitized tree: the install is tested in the Release and clang trees: skipped"
    exit 77
fi
if [ ! -x "$py" ] || ! "$py" -c "import venv, ensurepip, setuptools" >/dev/null 2>&1; then
    echo "Debian's python3 with venv and setuptools not found: skipped (scripts/bootstrap.sh)"
    exit 77
fi
set -e
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$src/python" "$work/src"
rm -rf "$work/src/build" "$work/src/"*.egg-info
"$py" -m venv --system-site-packages "$work/venv"
PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    "$work/venv/bin/python" -m pip install -q --no-index --no-build-isolation "$work/src"
cd "$work"
export FULCRUM_LIBRARY="$lib"
unset PYTHONPATH
"$work/venv/bin/python" - "$work/venv" <<'PY' > "$work/got.txt"
import os, pydoc, sys
import fulcrum
assert os.path.realpath(fulcrum.__file__).startswith(os.path.realpath(sys.argv[1])), fulcrum.__file__
doc = pydoc.render_doc(fulcrum, renderer=pydoc.plaintext)
for name in ("load_builtin", "forecast", "dilemma", "sweep", "backtest", "chart", "Game", "FulcrumError"):
    assert name in doc, name
print(fulcrum.load_builtin().forecast().to_string(), end="")
PY
"$cli" forecast > "$work/want.txt"
cmp "$work/want.txt" "$work/got.txt"
echo "pip install ./python: OK ($(wc -l < "$work/got.txt") lines, as the command line prints)"
