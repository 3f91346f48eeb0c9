#!/usr/bin/env bash
# Runs the plain (unsanitised) fulcrum under valgrind on the default job and a few others;
# fails if valgrind reports any error or leak. Prints "valgrind: N passed, M failed".
set -u
tool=${1:-build/fulcrum}
root=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
check() {
  if valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all \
       --show-leak-kinds=all --suppressions="$root/scripts/valgrind.supp" "$tool" "$@" >/dev/null 2>/tmp/fulcrum-valgrind.$$; then
    passed=$((passed + 1))
  else
    rc=$?
    # Exit codes 1-3 are the tool's own verdicts on bad input; only 99 is valgrind's.
    if [ $rc -eq 99 ] || grep -q "ERROR SUMMARY: [1-9]" /tmp/fulcrum-valgrind.$$; then
      echo "valgrind: errors in: fulcrum $*" >&2
      cat /tmp/fulcrum-valgrind.$$ >&2
      failed=$((failed + 1))
    else
      passed=$((passed + 1))
    fi
  fi
  rm -f /tmp/fulcrum-valgrind.$$
}
check
check forecast --format json
check forecast "$root/scenarios/eu-emissions-1994.yaml" --model all --format csv
check validate "$root/tests/data/bad/nan.yaml"
check convert "$root/tests/data/good/uncertain.yaml" -
out=$(mktemp -d)
check chart bargains --model eum -o "$out/bargains.png"
check report --model eum --dilemma -o "$out/report.html"
rm -rf "$out"
check game "$root/tests/data/games/alignment.efg" --solver enummixed --details
check game "$root/tests/data/games/entry_battle.efg" --solver spe --details
check game "$root/tests/data/games/alignment.nfg" --solver logit
check game --from-scenario --no-write
check game "$root/tests/data/games/alignment.efg" --solver lcp --details
check game "$root/tests/data/games/alignment.efg" --solver logit
echo "valgrind: $passed passed, $failed failed"
[ $failed -eq 0 ]
