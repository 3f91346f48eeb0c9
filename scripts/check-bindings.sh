#!/bin/sh
# The bindings' done-when, literally: a bare `python3` (the one on PATH, and Debian's
# /usr/bin/python3 when it is another) and a bare `Rscript` print the built-in forecast, and
# it is the command line's. Python's to_string() is `fulcrum forecast`'s text, byte for byte;
# R's printed data frame is the command line's CSV read and printed by R, and the frame equals
# that CSV to the last bit (identical()).
# Usage: check-bindings.sh CLI [PREFIX]
#   Without PREFIX it checks what `make run` installed into the system (`make test` runs it);
#   with PREFIX, an install-bindings.sh PREFIX install (PYTHONPATH and R_LIBS point there).
set -eu
cli=$(readlink -f "$1") prefix=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "$prefix" ]; then
    export PYTHONPATH="$prefix/python" R_LIBS="$prefix/R"
else
    unset PYTHONPATH R_LIBS
fi
unset FULCRUM_LIBRARY
cd "$work"
"$cli" forecast > want.txt
echo >> want.txt                    # print() ends the text with one more newline
"$cli" forecast --format csv > want.csv

pys=$(command -v python3)
[ "$(readlink -f "$pys")" = "$(readlink -f /usr/bin/python3)" ] || pys="$pys /usr/bin/python3"
for py in $pys; do
    "$py" -c "import fulcrum; print(fulcrum.load_builtin().forecast().to_string())" > got.txt
    if ! cmp -s want.txt got.txt; then
        echo "check-bindings: $py prints another forecast than \`fulcrum forecast\`:"
        diff want.txt got.txt | head -20
        exit 1
    fi
    # to_frame(): a pandas DataFrame where pandas is, else fulcrum.Table; the CSV's shape.
    kind=$("$py" - <<'PY'
import csv
import fulcrum
try:
    import pandas
except ImportError:
    pandas = None
t = fulcrum.load_builtin().forecast().to_frame()
want = "DataFrame" if pandas else "Table"
assert type(t).__name__ == want, type(t)
with open("want.csv", newline="") as f:
    rows = list(csv.reader(f))
assert list(t.columns) == rows[0] and len(t) == len(rows) - 1
print(want)
PY
)
    where=$("$py" -c "import fulcrum; print(fulcrum.__file__, fulcrum.library_path)")
    echo "check-bindings: $py: the built-in forecast, as the command line prints it; to_frame() a $kind ($where)"
done

if command -v Rscript >/dev/null 2>&1; then
    Rscript -e 'library(fulcrum); print(forecast(load_builtin()))' > got-r.txt
    Rscript -e 'x <- utils::read.csv("want.csv", stringsAsFactors = FALSE, na.strings = "NA",
                  colClasses = c(model = "character", preset = "character", actor = "character",
                                 issue = "character"));
                print(x);
                suppressMessages(library(fulcrum));
                y <- suppressWarnings(forecast(load_builtin()));
                attr(y, "notes") <- NULL;
                if (!identical(y, x)) stop("forecast() is not the CSV of the command line")' \
        > want-r.txt
    if ! cmp -s want-r.txt got-r.txt; then
        echo "check-bindings: Rscript prints another forecast than the command line's CSV:"
        diff want-r.txt got-r.txt | head -20
        exit 1
    fi
    echo "check-bindings: Rscript: the built-in forecast, $(($(wc -l < want.csv) - 1)) rows of the command line's CSV ($(Rscript -e 'cat(find.package("fulcrum"))'))"
else
    echo "check-bindings: R not found: the R package is not checked"
fi
