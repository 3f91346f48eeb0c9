"""The Python binding against the build tree's libfulcrum.so and fulcrum tool: every function,
errors with file/line/field, the same bytes as the command line, exact game values, no leak.
ctest runs it with FULCRUM_LIBRARY, FULCRUM_CLI and FULCRUM_SOURCE_DIR set (tests/CMakeLists.txt)."""
import gc
import json
import os
import subprocess
import sys
import warnings
from fractions import Fraction

import pytest

import fulcrum

SRC = os.environ.get("FULCRUM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("FULCRUM_CLI", os.path.join(SRC, "build", "fulcrum"))
EMISSION = os.path.join(SRC, "scenarios", "eu-emissions-1994.yaml")
# The one-issue Azerbaijan case (the built-in case until it became four issues), for numbers.
ALIGNMENT = os.path.join(SRC, "scenarios", "azerbaijan-2014-alignment.yaml")
GAMES = os.path.join(SRC, "tests", "data", "games")


def cli(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stdout


def test_builtin_json_is_the_cli_json_byte_for_byte():
    fc = fulcrum.load_builtin().forecast()
    assert fc.to_json() == cli("forecast", "--format", "json")
    d = fc.to_dict()
    assert [f["model"] for f in d["forecasts"]][:3] == ["status-quo", "median", "compromise"]


def test_emission_case_numbers_equal_the_cli():
    sc = fulcrum.load(EMISSION)
    fc = sc.forecast(models="eum", preset="bdm-paper")
    assert fc.to_json() == cli("forecast", EMISSION, "--model", "eum", "--preset", "bdm-paper", "--format", "json")
    want = json.loads(cli("forecast", EMISSION, "--model", "eum", "--preset", "bdm-paper", "--format", "json"))
    got = fc.to_dict()
    # Floats parse to the same doubles: bit for bit.
    assert got["forecasts"][0]["forecast"] == want["forecasts"][0]["forecast"]
    assert got["forecasts"][0]["model"] == "eum" and got["forecasts"][0]["preset"] == "bdm-paper"


def test_csv_and_text_equal_the_cli():
    fc = fulcrum.load(EMISSION).forecast(models="median")
    assert fc.to_csv() == cli("forecast", EMISSION, "--model", "median", "--format", "csv")
    assert fc.to_string() == cli("forecast", EMISSION, "--model", "median")
    assert str(fc) == fc.to_string()


def test_settings_and_issue_reach_the_library():
    sc = fulcrum.load_builtin()
    fc = sc.forecast(models="eum", settings={"rounds": 2})
    assert fc.to_json() == cli("forecast", "--model", "eum", "--set", "rounds=2", "--format", "json")
    assert fc.to_dict()["forecasts"][0]["n_rounds"] <= 2
    assert sc.forecast(models="eum", settings=["rounds=2"]).to_json() == fc.to_json()


def test_to_frame_is_the_long_csv():
    pandas = pytest.importorskip("pandas")
    fr = fulcrum.load(ALIGNMENT).forecast(models="eum").to_frame()
    assert isinstance(fr, pandas.DataFrame)
    assert list(fr.columns) == ["model", "preset", "round", "actor", "issue", "joint", "position", "median",
                                "mean", "forecast", "format_version"]
    assert set(fr["format_version"]) == {2}
    assert set(fr["model"]) == {"eum"}
    # Every position is the command line's CSV's, to the bit.
    header, rows = _cli_rows(cli("forecast", ALIGNMENT, "--model", "eum", "--format", "csv"))
    k = header.index("position")
    assert fr["position"].tolist() == [float(r[k]) for r in rows]


def _cli_rows(text):
    import csv
    import io
    rows = list(csv.reader(io.StringIO(text)))
    return rows[0], rows[1:]


def test_without_pandas_to_frame_is_a_table_of_the_cli_csv(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)   # `import pandas` now raises ImportError
    fc = fulcrum.load(EMISSION).forecast(models="eum", preset="bdm-paper")
    want = cli("forecast", EMISSION, "--model", "eum", "--preset", "bdm-paper", "--format", "csv")
    t = fc.to_frame()
    assert isinstance(t, fulcrum.Table)
    header, rows = _cli_rows(want)
    assert t.columns == header and len(t) == len(rows) > 10
    assert t.to_csv() == want
    # Every cell is the CSV's: numbers parse to the same doubles, TRUE/FALSE to bools, "NA" is None.
    for got, raw in zip(t.rows, rows):
        for g, r in zip(got, raw):
            if r == "NA":
                assert g is None
            elif isinstance(g, bool):
                assert g == (r == "TRUE") and r in ("TRUE", "FALSE")
            elif isinstance(g, (int, float)):
                assert g == float(r)
            else:
                assert g == r
    assert isinstance(t["round"][0], int) and isinstance(t["position"][0], float)
    assert t["joint"][0] is False
    rec = t.to_dict("records")[0]
    assert rec == dict(zip(header, t.rows[0]))
    assert t.to_dict("list")["actor"] == [r[3] for r in rows]
    assert t.to_dict()["model"][0] == "eum"
    text = t.to_string().splitlines()
    assert len(text) == len(rows) + 1 and text[0].split() == header
    with pytest.raises(ValueError):
        t.to_dict("split")
    # The analyses' tables take the same way.
    d = fulcrum.load_builtin().dilemma(models="median").to_frame()
    assert isinstance(d, fulcrum.Table) and d.to_csv() == cli("dilemma", "--model", "median", "--format", "csv")


def test_table_and_dataframe_hold_the_same_values(monkeypatch):
    pandas = pytest.importorskip("pandas")
    fc = fulcrum.load_builtin().forecast()
    fr = fc.to_frame()
    monkeypatch.setitem(sys.modules, "pandas", None)
    t = fc.to_frame()
    assert isinstance(fr, pandas.DataFrame) and isinstance(t, fulcrum.Table)
    assert list(fr.columns) == t.columns and len(fr) == len(t)
    for c in t.columns:
        assert [None if pandas.isna(v) else v for v in fr[c].tolist()] == t[c], c


def test_from_dict_and_text_load_the_same_scenario_as_the_file():
    yaml = pytest.importorskip("yaml")   # Debian's python3-yaml (scripts/bootstrap.sh)
    with open(EMISSION) as f:
        d = yaml.safe_load(f)
    a = fulcrum.Scenario.from_dict(d).forecast(models="median").to_dict()
    b = fulcrum.load(EMISSION).forecast(models="median").to_dict()
    assert a["forecasts"] == b["forecasts"]


def test_text_scenario():
    with open(EMISSION) as f:
        text = f.read()
    a = fulcrum.load(text).forecast(models="compromise").to_dict()
    b = fulcrum.load(EMISSION).forecast(models="compromise").to_dict()
    assert a["forecasts"] == b["forecasts"]


def test_input_error_carries_file_line_column():
    with pytest.raises(fulcrum.InputError) as e:
        fulcrum.load("title: x\nissues: [\n", name="broken.yaml")
    assert e.value.file == "broken.yaml"
    assert e.value.line == 3 and e.value.column == 1
    assert "YAML" in e.value.message
    assert str(e.value).startswith("broken.yaml:3:1: ")


def test_usage_errors_name_the_field():
    sc = fulcrum.load_builtin()
    with pytest.raises(fulcrum.UsageError) as e:
        sc.forecast(models="no-such-model")
    assert e.value.field == "model"
    with pytest.raises(fulcrum.UsageError) as e:
        sc.forecast(models="median", preset="scholz")
    assert e.value.field == "preset"
    with pytest.raises(fulcrum.FulcrumError) as e:
        sc.forecast(issue="no-such-issue")
    assert e.value.field == "issue"


def test_missing_file_is_an_error_with_its_name():
    with pytest.raises(fulcrum.FulcrumError) as e:
        fulcrum.load("/nonexistent/case.yaml")
    assert "/nonexistent/case.yaml" in str(e.value)


def test_game_fractions_equal_the_cli():
    path = os.path.join(GAMES, "alignment.efg")
    g = fulcrum.Game.load(path)
    eqs = g.solve("enummixed")
    lines = [l for l in cli("game", path, "--solver", "enummixed").splitlines() if l.startswith("NE,")]
    assert [[Fraction(x) for x in l.split(",")[1:]] for l in lines] == [list(e) for e in eqs]
    assert len(eqs) == len(lines) >= 1
    assert all(isinstance(x, Fraction) for e in eqs for x in e)
    assert len(g.players) == 2 and isinstance(g.title, str)


def test_game_solvers_and_errors():
    path = os.path.join(GAMES, "entry_battle.efg")
    g = fulcrum.Game.load(path)
    lines = [l for l in cli("game", path, "--solver", "spe").splitlines() if l.startswith("NE,")]
    assert [[Fraction(x) for x in l.split(",")[1:]] for l in lines] == [list(e) for e in g.solve("spe")]
    with pytest.raises(fulcrum.UsageError):
        g.solve("simplex")
    with pytest.raises(fulcrum.FulcrumError) as e:
        fulcrum.Game.load(os.path.join(GAMES, "bad_prob.efg"))
    assert e.value.file.endswith("bad_prob.efg") and e.value.line > 0


def test_version_and_help():
    assert fulcrum.version() == cli("--version").split()[-1]
    assert os.path.exists(fulcrum.library_path) or fulcrum.library_path.startswith("lib")
    assert "forecast" in fulcrum.__doc__ and fulcrum.Scenario.forecast.__doc__


def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def test_no_leak_over_10000_calls():
    sc = fulcrum.load_builtin()
    g = fulcrum.Game.load(os.path.join(GAMES, "alignment.nfg"))
    n = int(os.environ.get("FULCRUM_LEAK_CALLS", "10000"))
    # A table on 0-1 read on 0-100: each forecast of it hands a note over (fc_report_run_noted).
    with pytest.warns(fulcrum.FulcrumWarning):
        noted = fulcrum.load("Actor,Capability,Position,Salience\nA,0.5,4,0.8\nB,0.3,7,0.4\nC,0.2,9,0.6\n",
                             name="t.csv")

    def work(k):
        for i in range(k):
            sc.forecast(models="median").to_json()
            if i % 10 == 0:   # 1,000 of them: enough for a leak of a note to show
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", fulcrum.FulcrumWarning)
                    assert noted.forecast(models="median").notes
            try:
                sc.forecast(models="zzz")
            except fulcrum.UsageError:
                pass
            if i % 20 == 0:   # a solve takes ~10 ms: 500 of them
                g.solve("enummixed")

    work(200)
    gc.collect()
    before = rss_kb()
    work(n)
    gc.collect()
    grown = rss_kb() - before
    # A leak of even 64 bytes a call would add 1.9 MB over 2 x 10,000 calls.
    assert grown < 1024, "RSS grew by %d kB over %d calls" % (grown, 2 * n)


def test_docs_worked_example_prints_what_the_docs_say():
    with open(os.path.join(SRC, "docs", "python.md")) as f:
        doc = f.read()
    script = doc.split("```python\n", 1)[1].split("```", 1)[0]
    printed = doc.split("```text\n", 1)[1].split("```", 1)[0]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (os.path.join(SRC, "python"),
                                                                   os.environ.get("PYTHONPATH")) if p))
    import sys
    out = subprocess.run([sys.executable, "-c", script], cwd=SRC, env=env, check=True, capture_output=True,
                         text=True).stdout
    assert out == printed
    # And the emission numbers there are the command line's.
    want = json.loads(cli("forecast", EMISSION, "--format", "json"))
    for f in want["forecasts"]:
        assert "emissions %s %s %r\n" % (f["model"], f["preset"], f["forecast"]) in printed


def _cli_stderr(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stderr


def test_notes_become_warnings_and_stay_on_the_result():
    two = os.path.join(SRC, "tests", "data", "newcomer", "salience_typo.yaml")
    with pytest.warns(fulcrum.FulcrumWarning) as rec:
        fc = fulcrum.load(two).forecast()
    assert fc.notes and fc.notes[0].kind == "advice" and "(did you mean 90?)" in fc.notes[0].message
    # The notes are the ones the command line prints, and the warnings are the notes.
    said = _cli_stderr("forecast", two)
    for n in fc.notes:
        assert n.message in said and n.value in said
    got = [r.message for r in rec if isinstance(r.message, fulcrum.FulcrumWarning)]
    assert [w.note for w in got] == list(fc.notes)
    assert got[0].field == fc.notes[0].field and str(got[0]) == str(fc.notes[0])
    # They point at the caller's line, not into the package.
    assert all(r.filename == __file__ for r in rec)


def test_sweep_notes_its_fallback_spreads():
    with pytest.warns(fulcrum.FulcrumWarning) as rec:
        sw = fulcrum.load(EMISSION).sweep(runs=5, model="median", sensitivity=False)
    (note,) = sw.notes
    assert (note.kind, note.field) == ("applied", "jitter")
    assert note.value in _cli_stderr("sweep", EMISSION, "--runs", "5", "--model", "median")
    assert rec[0].message.note == note


def test_advice_about_a_table_is_warned_once_at_load():
    table = os.path.join(SRC, "..", "shared", "data", "eum", "inputs", "emission.csv")
    if not os.path.exists(table):
        pytest.skip("../shared not found")
    with pytest.warns(fulcrum.FulcrumWarning) as rec:
        sc = fulcrum.load(table)
    assert [r.message.field for r in rec] == ["csv_salience_scale"]
    assert sc.notes[0].value == "1" and sc.notes[0].message in _cli_stderr("forecast", table, "--model", "median")
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # the same note again would raise here
        fc = sc.forecast(models="median")
        assert fulcrum.load(table, salience_scale=1).notes == ()
    assert fc.notes == sc.notes
