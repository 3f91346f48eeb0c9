#!/usr/bin/env bash
# The output rules from the reliability audit's reproducers (issue 18): an output path is
# written, never destroyed. One case per call. Usage: output_safety.sh TOOL WORKDIR SCENARIO CASE
# Exit 0 = pass, 77 = cannot be tested here (skipped), anything else = fail.
set -uo pipefail
tool=$1 work=$2 scenario=$3 case=$4
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
fail() { echo "FAIL: $*"; exit 1; }

case $case in
symlink)
    # -o onto a symlink writes its target; the link stays a link.
    echo old > target
    ln -s target link
    "$tool" forecast -o link || fail "exit $?"
    [ -L link ] || fail "the symlink was replaced"
    grep -q "Azerbaijan" target || fail "the target was not written"
    ;;
fifo)
    # -o onto a FIFO writes through it; it stays a FIFO.
    mkfifo pipe
    cat pipe > received &
    reader=$!
    "$tool" forecast -o pipe
    rc=$?
    [ -p pipe ] || { kill $reader; fail "the FIFO was replaced"; }
    [ $rc -eq 0 ] || { kill $reader; fail "exit $rc"; }
    wait $reader
    grep -q "Azerbaijan" received || fail "nothing came through the FIFO"
    ;;
device)
    # -o onto a copy of /dev/null (made here, never the real one) writes to the device.
    mknod null c 1 3 2>/dev/null || { echo "mknod needs root: skipped"; exit 77; }
    "$tool" forecast -o null || fail "exit $?"
    [ -c null ] || fail "the device node was replaced by a regular file"
    ;;
input)
    # -o onto the scenario itself is refused and the scenario is intact.
    cp "$scenario" in.yaml
    "$tool" forecast in.yaml -o in.yaml 2> err
    rc=$?
    [ $rc -eq 2 ] || fail "exit $rc, expected 2"
    grep -q "input" err || fail "no message: $(cat err)"
    cmp -s "$scenario" in.yaml || fail "the scenario was changed"
    # So is converting a scenario onto itself (it would lose the comments with the sources).
    "$tool" convert in.yaml in.yaml 2> err
    rc=$?
    [ $rc -eq 2 ] || fail "convert: exit $rc, expected 2"
    cmp -s "$scenario" in.yaml || fail "convert changed the scenario"
    # Another name for the same file is the same file.
    ln in.yaml same.yaml
    "$tool" forecast in.yaml -o same.yaml 2> err
    rc=$?
    [ $rc -eq 2 ] || fail "hard link: exit $rc, expected 2"
    cmp -s "$scenario" in.yaml || fail "the scenario was changed through its other name"
    ;;
readonly)
    # -o onto a read-only file is refused, the file untouched (even as root).
    echo keep > ro
    chmod 444 ro
    "$tool" forecast -o ro 2> err
    rc=$?
    [ $rc -eq 1 ] || fail "exit $rc, expected 1"
    grep -q "read-only" err || fail "no message: $(cat err)"
    [ "$(cat ro)" = keep ] || fail "the read-only file was replaced"
    ;;
mode)
    # The runs CSV gets the same mode as every other output, under two umasks.
    for mask in 022 027; do
        rm -f out.txt runs.csv
        (umask $mask; "$tool" sweep --runs 5 --model median -o out.txt --runs-csv runs.csv 2>/dev/null) ||
            fail "sweep failed"
        a=$(stat -c %a out.txt) b=$(stat -c %a runs.csv)
        [ "$a" = "$b" ] || fail "umask $mask: output $a, runs CSV $b"
        want=$(printf '%o' $((0666 & ~0$mask)))
        [ "$a" = "$want" ] || fail "umask $mask: mode $a, expected $want"
    done
    ;;
devfull)
    # Output lost to a full device is a failure with a message, for every command.
    [ -w /dev/full ] || { echo "no /dev/full: skipped"; exit 77; }
    for args in "forecast" "forecast --format json" "models" "validate $scenario" \
                "sweep --runs 5 --model median"; do
        # shellcheck disable=SC2086
        "$tool" $args > /dev/full 2> err
        rc=$?
        [ $rc -eq 1 ] || fail "$args > /dev/full: exit $rc, expected 1"
        grep -q "standard output" err || fail "$args: no message: $(cat err)"
    done
    ;;
checkpoint)
    # A corrupted checkpoint is refused, naming the file; stale temporaries are cleaned.
    "$tool" sweep --runs 200 --model median --checkpoint ck --format json -o first.json 2>/dev/null ||
        fail "first sweep"
    size=$(stat -c %s ck)
    cp ck ck.orig
    # Flip one bit in the middle of the per-run records.
    off=$((size / 2))
    byte=$(od -An -tu1 -j $off -N1 ck | tr -d ' ')
    printf "$(printf '\\%03o' $((byte ^ 1)))" | dd of=ck bs=1 seek=$off conv=notrunc 2>/dev/null
    cmp -s ck ck.orig && fail "the corruption did not happen"
    "$tool" sweep --runs 200 --model median --checkpoint ck --format json -o second.json 2> err
    rc=$?
    [ $rc -eq 3 ] || fail "exit $rc, expected 3"
    grep -q "ck: .*checksum" err || fail "no message naming the file: $(cat err)"
    [ ! -e second.json ] || fail "a report was written from a corrupted checkpoint"
    # The intact checkpoint resumes, and a dead run's temporary file is removed.
    cp ck.orig ck
    sh -c 'exit 0' & dead=$!
    wait $dead
    echo junk > "ck.tmp.$dead.1"
    "$tool" sweep --runs 200 --model median --checkpoint ck --format json -o third.json 2> err ||
        fail "resume: $(cat err)"
    grep -q "resumed 200 of 200" err || fail "not resumed: $(cat err)"
    cmp -s first.json third.json || fail "the resumed result differs"
    [ ! -e "ck.tmp.$dead.1" ] || fail "the stale temporary file stayed"
    ;;
*)
    fail "unknown case $case"
    ;;
esac
echo "ok: $case"
