"""The dilemma, sweep, backtest and charts from Python against the build tree's library and
tool: the same bytes as the command line, the frames and arrays read from them, errors with
their field, and no leak over thousands of calls."""
import gc
import os
import subprocess
import tempfile
import warnings

import pytest

import fulcrum

SRC = os.environ.get("FULCRUM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("FULCRUM_CLI", os.path.join(SRC, "build", "fulcrum"))
SHARED = os.path.join(SRC, "..", "shared")
DEU = os.path.join(SHARED, "data", "deu", "deu_dev.tsv")
SMALL_DEU = os.path.join(SRC, "tests", "data", "deu", "small.tsv")
# The one-issue Azerbaijan case (the built-in case until it became four issues), for numbers.
ALIGNMENT = os.path.join(SRC, "scenarios", "azerbaijan-2014-alignment.yaml")


def cli(*args):
    return subprocess.run([CLI, *args], check=True, capture_output=True, text=True).stdout


def cli_file(*args, suffix=".out", mode="r"):
    """What the command line writes with -o FILE (bytes for charts)."""
    with tempfile.TemporaryDirectory() as d:
        out = os.path.join(d, "out" + suffix)
        subprocess.run([CLI, *args, "-o", out], check=True, capture_output=True)
        with open(out, mode) as f:
            return f.read()


def test_dilemma_equals_the_cli():
    sc = fulcrum.load_builtin()
    d = sc.dilemma()
    assert d.to_json() == cli("dilemma", "--format", "json")
    assert d.to_csv() == cli("dilemma", "--format", "csv")
    assert d.to_string() == cli("dilemma") == str(d)
    # One issue: the JSON of a single dilemma, with its mode at the top.
    commit = fulcrum.load(ALIGNMENT).dilemma(models="eum", preset="bdm-paper", mode="commit")
    assert commit.to_json() == cli("dilemma", ALIGNMENT, "--model", "eum", "--preset", "bdm-paper", "--mode",
                                   "commit", "--format", "json")
    assert commit.to_dict()["mode"] == "commit"


def test_dilemma_frame_is_the_long_csv():
    pandas = pytest.importorskip("pandas")
    fr = fulcrum.load(ALIGNMENT).dilemma(models="median").to_frame()
    assert isinstance(fr, pandas.DataFrame)
    assert list(fr.columns) == ["model", "preset", "mode", "issue", "choice", "figure", "actor", "round", "event",
                                "kind", "value"]
    assert set(fr["issue"]) == {"alignment"}
    # The weighted median of the one-issue case without a change of policy: 65.
    sq = fr[(fr["choice"] == "status-quo") & (fr["figure"] == "outcome")]
    assert sq["value"].tolist() == [65.0]


def test_sweep_equals_the_cli():
    sc = fulcrum.load_builtin()
    sw = sc.sweep(runs=40, seed=9)
    assert sw.to_json() == cli("sweep", "--runs", "40", "--seed", "9", "--format", "json")
    assert sw.to_string() == cli("sweep", "--runs", "40", "--seed", "9")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "runs.csv")
        cli("sweep", "--runs", "40", "--seed", "9", "--runs-csv", path)
        with open(path) as f:
            assert sw.to_csv() == f.read()
    ch = sc.sweep(runs=25, model="median", choices=True, mode="commit", jitter="position=5", sensitivity=False)
    assert ch.to_json() == cli("sweep", "--runs", "25", "--model", "median", "--choices", "--mode", "commit",
                               "--jitter", "position=5", "--no-sensitivity", "--format", "json")


def test_sweep_arrays_are_the_reports_numbers():
    numpy = pytest.importorskip("numpy")
    pytest.importorskip("pandas")
    sw = fulcrum.load_builtin().sweep(runs=60, seed=2, threads=1)
    f = sw.forecasts()
    assert isinstance(f, numpy.ndarray) and f.shape == (60,)
    out = sw.to_dict()["outcome"][0]
    # The report's distribution is of these 60 forecasts (its mean summed in the library's
    # order, numpy's pairwise: equal to rounding), and they are the same whatever the threads.
    assert out["n"] == 60
    assert float(f.min()) == out["min"] and float(f.max()) == out["max"]
    assert float(numpy.mean(f)) == pytest.approx(out["mean"], rel=1e-12)
    assert numpy.array_equal(fulcrum.load_builtin().sweep(runs=60, seed=2, threads=2).forecasts(), f)


def test_backtest_equals_the_cli():
    pytest.importorskip("pandas")
    b = fulcrum.backtest(SMALL_DEU, capabilities="equal", bootstrap=20)
    assert b.to_json() == cli("backtest", SMALL_DEU, "--capabilities", "equal", "--bootstrap", "20", "--format",
                              "json")
    assert b.to_csv() == cli("backtest", SMALL_DEU, "--capabilities", "equal", "--bootstrap", "20", "--format",
                             "csv")
    assert b.to_string() == cli("backtest", SMALL_DEU, "--capabilities", "equal", "--bootstrap", "20")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "issues.csv")
        cli("backtest", SMALL_DEU, "--capabilities", "equal", "--bootstrap", "20", "--per-issue", path)
        with open(path) as f:
            assert b.issues_csv() == f.read()
    fr = b.to_frame()
    assert {"model", "preset", "era", "n", "mae"} <= set(fr.columns)


@pytest.mark.skipif(not os.path.exists(DEU), reason="../shared not found")
def test_backtest_on_the_deu_table():
    pytest.importorskip("pandas")
    b = fulcrum.backtest(DEU, models=["median", "compromise"], bootstrap=50)
    assert b.to_csv() == cli("backtest", DEU, "--models", "median,compromise", "--bootstrap", "50", "--format",
                             "csv")
    fr = b.to_frame()
    row = fr[(fr["model"] == "compromise") & (fr["era"] == "all")]
    assert row["n"].tolist() == [180]
    assert row["mae"].tolist() == [20.74187066907953]


def test_charts_equal_the_cli():
    sc = fulcrum.load_builtin()
    svg = sc.chart("trajectory", models="eum")
    assert svg.startswith(b"<?xml") and b"<svg" in svg
    # PNG: cairo numbers an SVG's surfaces by a process-wide counter; the pixels are the same.
    assert sc.chart("issue", format="png") == cli_file("chart", "issue", suffix=".png", mode="rb")
    assert sc.chart("bargains", format="png", models="eum", width=600) == \
        cli_file("chart", "bargains", "--model", "eum", "--width", "600", suffix=".png", mode="rb")
    assert sc.chart("dilemma", format="png", mode="commit") == \
        cli_file("chart", "dilemma", "--mode", "commit", suffix=".png", mode="rb")
    assert sc.chart("sweep", format="png", runs=50) == cli_file("chart", "sweep", "--runs", "50", suffix=".png",
                                                                mode="rb")
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "issue.pdf")
        assert sc.chart("issue", path) == path
        with open(path, "rb") as f:
            assert f.read(5) == b"%PDF-"


def test_errors_name_the_field():
    sc = fulcrum.load_builtin()
    with pytest.raises(fulcrum.UsageError) as e:
        sc.sweep(runs=0)
    assert e.value.field == "runs"
    with pytest.raises(fulcrum.UsageError) as e:
        sc.dilemma(mode="both")
    assert e.value.field == "mode"
    with pytest.raises(fulcrum.UsageError) as e:
        sc.dilemma(models="no-such-model")
    assert e.value.field == "model"
    with pytest.raises(fulcrum.UsageError) as e:
        sc.chart("pie")
    assert e.value.field == "kind"
    with pytest.raises(fulcrum.UsageError) as e:
        sc.chart("issue", format="gif")
    assert e.value.field == "format"
    with pytest.raises(fulcrum.InputError) as e:
        fulcrum.backtest(os.path.join(SRC, "tests", "data", "deu", "bad_number.tsv"))
    assert e.value.file.endswith("bad_number.tsv") and e.value.line > 0
    with pytest.raises(fulcrum.FulcrumError) as e:
        fulcrum.backtest("/nonexistent/table.tsv")
    assert "/nonexistent/table.tsv" in str(e.value)


def rss_kb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def test_no_leak_over_thousands_of_analyses():
    sc = fulcrum.load(ALIGNMENT)   # one issue: thousands of calls in the time they always took
    n = int(os.environ.get("FULCRUM_LEAK_CALLS", "10000")) // 2

    def work(k):
        for i in range(k):
            sc.dilemma(models="median").to_csv()
            try:
                sc.sweep(runs=0)
            except fulcrum.UsageError:
                pass
            if i % 10 == 0:
                sc.sweep(runs=5, model="median").to_json()
                sc.chart("issue", format="svg", models="median")

    work(100)
    gc.collect()
    before = rss_kb()
    work(n)
    gc.collect()
    grown = rss_kb() - before
    # A leak of 128 bytes a call would add 1.25 MB over 2 x 5,000 calls.
    assert grown < 1024, "RSS grew by %d kB over %d calls" % (grown, 2 * n)


def test_an_unstable_dilemma_forecast_is_warned():
    # The spatial model on the one-issue case, AZE committed to scaling back, stops at its
    # round limit still moving:
    # the command line's text says "unstable", the JSON "stable": false.
    with pytest.warns(fulcrum.FulcrumWarning) as rec:
        d = fulcrum.load(ALIGNMENT).dilemma(models="smp", mode="commit")
    unstable = [n for n in d.notes if n.kind == "unstable"]
    import csv
    import io
    rows = list(csv.DictReader(io.StringIO(cli("dilemma", ALIGNMENT, "--model", "smp", "--mode", "commit", "--format", "csv"))))
    want = [r["choice"] for r in rows if r["figure"] == "stable" and r["value"] == "0"]
    assert len(unstable) == len(want) >= 1
    assert "unstable" in cli("dilemma", ALIGNMENT, "--model", "smp", "--mode", "commit")
    assert all(n.message.startswith("smp (ktab), choice ") for n in unstable)
    assert ["choice %s:" % c in n.message for c, n in zip(want, unstable)] == [True] * len(want)
    assert [r.message.note for r in rec if r.message.kind == "unstable"] == unstable
    # A stable one says nothing.
    with warnings.catch_warnings():
        warnings.simplefilter("error", fulcrum.FulcrumWarning)
        assert fulcrum.load(ALIGNMENT).dilemma(models="median").notes == ()
