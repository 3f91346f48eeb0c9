#!/usr/bin/env bash
# Runs the commands of docs/tutorial.md as written: every line of every ```sh block, in order,
# in one empty folder, with the built fulcrum first on PATH; the first command that fails fails
# the test and is named. Usage: tutorial_check.sh TOOL TUTORIAL
set -euo pipefail
tool=$(realpath "$1")
tutorial=$(realpath "$2")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/bin"
ln -s "$tool" "$work/bin/fulcrum"
export PATH="$work/bin:$PATH"
cd "$work"
n=0
in_sh=0
while IFS= read -r line; do
    if [[ $line == '```sh' ]]; then in_sh=1; continue; fi
    if [[ $line == '```'* ]]; then in_sh=0; continue; fi
    [[ $in_sh == 1 && -n $line && $line != '#'* ]] || continue
    n=$((n + 1))
    if ! bash -c "$line" > "out.$n" 2> "err.$n"; then
        echo "tutorial command $n failed: $line"
        cat "out.$n" "err.$n"
        exit 1
    fi
done < "$tutorial"
if [[ $n -lt 10 ]]; then
    echo "only $n commands found in $tutorial"
    exit 1
fi
# What the tutorial says the commands leave behind.
for f in my-case.yaml forecast.csv forecast.json issue.svg trajectory.png report.html my-case.efg my-case.json; do
    [[ -s $f ]] || { echo "the tutorial's $f was not written"; exit 1; }
done
grep -q 'my-case.yaml: valid: 1 issue(s), 4 actor(s), 1 relation(s), 2 choice(s)' out.3 ||
    { echo "validate did not print what the tutorial says:"; cat out.3; exit 1; }
echo "$n tutorial commands ran"
