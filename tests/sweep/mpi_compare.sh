#!/usr/bin/env bash
# A sweep split over 2 MPI ranks must give the single-process result byte for byte (JSON
# without timings holds every summary with all its digits). Usage: mpi_compare.sh TOOL WORKDIR ARGS...
set -euo pipefail
tool=$1 work=$2
shift 2
mkdir -p "$work"
# Open MPI keeps some memory until exit by design; the leak checker would call that a failure.
export ASAN_OPTIONS=${ASAN_OPTIONS:-}:detect_leaks=0
export OMPI_MCA_rmaps_base_oversubscribe=1
"$tool" sweep "$@" --format json -o "$work/single.json"
mpirun --oversubscribe --allow-run-as-root -np 2 "$tool" sweep --mpi "$@" --format json -o "$work/ranks2.json"
if ! cmp "$work/single.json" "$work/ranks2.json"; then
    diff "$work/single.json" "$work/ranks2.json" | head -20
    exit 1
fi
# The comparison means something only if the sweep produced numbers.
grep -q '"mean": [0-9]' "$work/single.json"
echo "identical: $(wc -c < "$work/single.json") bytes"
