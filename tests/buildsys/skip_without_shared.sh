#!/bin/sh
# Runs a test that reads ../shared, or reports it skipped (77, ctest's SKIP_RETURN_CODE) when the
# checkout does not sit beside the shared data folder. Usage: skip_without_shared.sh DIR CMD...
dir=$1
shift
if [ ! -d "$dir" ]; then
    echo "skipped: the shared data folder $dir is absent"
    exit 77
fi
exec "$@"
