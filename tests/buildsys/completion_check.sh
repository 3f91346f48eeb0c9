#!/usr/bin/env bash
# Checks tool/completion/fulcrum.bash against the built program: what Tab offers after
# `fulcrum `, `fulcrum fo`, `fulcrum game --so`, `fulcrum game --solver l` and
# `fulcrum forecast --model eu`. Usage: completion_check.sh TOOL SCRIPT
set -euo pipefail
tool=$(realpath "$1")
shopt -s extglob
# shellcheck disable=SC1090
source "$2"
offer() { # words... : prints what _fulcrum offers for the last word, space separated
    COMP_WORDS=("$tool" "${@}")
    COMP_CWORD=$#
    _fulcrum
    echo "${COMPREPLY[*]}"
}
fail=0
expect() { # description, got, wanted
    if [[ $2 != "$3" ]]; then echo "$1: got '$2', wanted '$3'"; fail=1; fi
}
cd "$(mktemp -d)"
expect "fulcrum fo" "$(offer fo)" "forecast"
expect "fulcrum ne" "$(offer ne)" "new"
expect "fulcrum game --so" "$(offer game --so)" "--solver"
expect "fulcrum game --solver l" "$(offer game --solver l)" "lcp logit"
expect "fulcrum forecast --model eu" "$(offer forecast --model eu)" "eum"
expect "fulcrum chart t" "$(offer chart t)" "trajectory"
all=$(offer "")
for c in forecast validate convert models sweep backtest dilemma chart game report new; do
    [[ " $all " == *" $c "* ]] || { echo "fulcrum <Tab> lacks $c: $all"; fail=1; }
done
forecast_opts=$(offer forecast --)
for o in --model --preset --set --issue --format --trace; do
    [[ " $forecast_opts " == *" $o "* ]] || { echo "fulcrum forecast --<Tab> lacks $o: $forecast_opts"; fail=1; }
done
exit $fail
