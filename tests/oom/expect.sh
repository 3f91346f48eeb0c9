#!/bin/sh
# expect.sh PROGRAM STATUS TEXT: runs PROGRAM and passes when it exits with STATUS and the last
# line it prints (stdout and stderr together) is TEXT. Only the last: AddressSanitizer may warn
# first that it "failed to allocate", which is the failure the test provokes.
out=$("$1" 2>&1)
rc=$?
last=$(printf '%s\n' "$out" | tail -n 1)
if [ "$rc" != "$2" ] || [ "$last" != "$3" ]; then
    printf 'exit %s (want %s), output:\n%s\n(want last line: %s)\n' "$rc" "$2" "$out" "$3"
    exit 1
fi
