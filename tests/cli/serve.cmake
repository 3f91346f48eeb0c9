# fulcrum serve and fulcrum runs: their usage errors. The server itself is tested in
# tests/serve/ (in-process) and tests/serve/cli_runs.sh (the programs end to end).
fulcrum_cli_test(NAME serve_help ARGS serve --help STDOUT "usage: fulcrum serve")
fulcrum_cli_test(NAME serve_bad_port ARGS serve --port 70000 EXIT 2 STDERR "--port needs a whole number")
fulcrum_cli_test(NAME serve_bad_bind ARGS serve --port 0 --bind nowhere EXIT 2 STDERR "--bind: 'nowhere' is not an IPv4 or IPv6 address")
fulcrum_cli_test(NAME serve_missing_root ARGS serve --port 0 /nonexistent/cases EXIT 1 STDERR "/nonexistent/cases: root: no such file or folder")
fulcrum_cli_test(NAME runs_help ARGS runs --help STDOUT "usage: fulcrum runs")
fulcrum_cli_test(NAME runs_no_action ARGS runs EXIT 2 STDERR "which\\? list, show ID")
fulcrum_cli_test(NAME runs_bad_id ARGS runs show x --store /tmp/fulcrum-none.db EXIT 2 STDERR "show needs one run id")
