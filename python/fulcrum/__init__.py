"""Fulcrum from Python: bargaining forecasts of foreign-policy contests.

A thin binding (ctypes) over the C library libfulcrum.so: every number comes from the
library, which writes its own JSON and CSV; this package only parses them.

    >>> import fulcrum
    >>> sc = fulcrum.load_builtin()                # Azerbaijan 2014, compiled in
    >>> fc = sc.forecast(models="eum")             # or "all", "median", "smp", ...
    >>> fc.to_dict()["forecasts"][0]["model"]
    'eum'
    >>> fc.to_frame()                              # one row per model/round/actor/issue:
    ...                                            # pandas, or a fulcrum.Table without it
    >>> sc = fulcrum.load("scenarios/eu-emissions-1994.yaml")
    >>> fulcrum.Game.load("game.nfg").solve("enummixed")   # exact fractions.Fraction values
    >>> sc.dilemma().to_frame()                    # the deciding actor's choices, long table
    >>> sw = sc.sweep(runs=1000, seed=1)           # Monte Carlo over the estimates
    >>> sw.forecasts()                             # numpy array, one forecast per run
    >>> fulcrum.backtest("deu_dev.tsv").to_frame() # every model against EU outcomes
    >>> sc.chart("trajectory", "trajectory.svg")   # or bytes: sc.chart("issue")

Errors raise FulcrumError subclasses (InputError, UsageError, ...) that carry the file,
line, column and field the library named. The library's notes on a run (advice about the
input, a default it applied, a model it skipped and why) are issued as FulcrumWarning and kept
on the result as .notes (Note tuples).

`make run` installs this package for the python3 on PATH and for Debian's python3, with its
own copy of libfulcrum.so.0 (docs/python.md).
"""
import ctypes
import io as _io
import json
import os
import sys
import warnings
from fractions import Fraction

from . import _lib

__all__ = ["load", "load_builtin", "backtest", "Scenario", "Forecast", "Dilemma", "Sweep", "Backtest", "Game",
           "Equilibrium", "Table", "Note", "FulcrumWarning", "FulcrumError",
           "InputError", "UsageError", "IOError_", "InternalError", "version", "library_path"]


def version():
    """The C library's version string."""
    return _lib.lib.fc_version().decode()


library_path = _lib.path
"""The libfulcrum.so this package loaded."""


# ---- errors ----

class FulcrumError(Exception):
    """An error the C library reported: .status, .file, .line, .column, .field, .message."""

    def __init__(self, status, file, line, column, field, message):
        self.status, self.file, self.line, self.column = status, file, line, column
        self.field, self.message = field, message
        where = ":".join(str(x) for x in (file, line or None, column or None) if x)
        parts = [p for p in (where, field, message) if p]
        super().__init__(": ".join(parts))


class InputError(FulcrumError, ValueError):
    """The input (file, text, table) is malformed or fails validation (FC_EINPUT)."""


class UsageError(FulcrumError, ValueError):
    """An unknown model, preset, option or format (FC_EUSAGE)."""


class IOError_(FulcrumError, OSError):
    """Reading or writing a file failed (FC_EIO)."""


class InternalError(FulcrumError, RuntimeError):
    """A numerical or logic failure inside the library (FC_EINTERNAL, FC_ENOMEM)."""


# ---- notes ----

_KINDS = ("advice", "applied", "skipped")


def _unstable(report):
    """A Note (kind "unstable") for every forecast the dilemma's JSON marks "stable": false (the
    run stopped at its round limit still moving), with the model, preset and issue of the
    objects around it: the library's flag and range, as its text report shows "unstable"."""
    found = []

    def walk(x, ctx):
        if isinstance(x, dict):
            ctx = dict(ctx, **{k: x[k] for k in ("model", "preset", "issue") if isinstance(x.get(k), str)})
            if x.get("stable") is False:
                who = ctx.get("model", "?") + (" (%s)" % ctx["preset"] if ctx.get("preset") else "")
                rng = x.get("outcome_range")
                between = " between %r and %r" % tuple(rng) if isinstance(rng, list) and len(rng) == 2 else ""
                found.append(Note("unstable", "", "%s%s, choice %s: no stable outcome: the run stopped at its "
                                  "round limit still moving%s" % (who, " on " + ctx["issue"] if ctx.get("issue") else "",
                                                                  x.get("choice", "?"), between),
                                  "", "", ""))
            for v in x.values():
                walk(v, ctx)
        elif isinstance(x, list):
            for v in x:
                walk(v, ctx)

    walk(report, {})
    return tuple(found)


class Note(tuple):
    """A note the library attached to a run, which the command line prints as
    "fulcrum: note: ...": kind ("advice": a guess about the input, with the option to set;
    "applied": a default used; "skipped": a model of every model refused the case, and why;
    "unstable": a dilemma's forecast the library marks not stable, with its range),
    file, message, field (the library's option name, e.g. "issue", "jitter",
    "csv_salience_scale"), value and when (the advice's condition); "" where none."""

    __slots__ = ()
    _fields = ("kind", "file", "message", "field", "value", "when")

    def __new__(cls, kind, file, message, field, value, when):
        return tuple.__new__(cls, (kind, file, message, field, value, when))

    kind = property(lambda self: self[0])
    file = property(lambda self: self[1])
    message = property(lambda self: self[2])
    field = property(lambda self: self[3])
    value = property(lambda self: self[4])
    when = property(lambda self: self[5])

    @classmethod
    def _from_c(cls, n):
        text = [x.decode("utf-8", "replace") for x in (n.file, n.message, n.field, n.value, n.when)]
        kind = _KINDS[n.kind] if 0 <= n.kind < len(_KINDS) else "note"
        return cls(kind, *text)

    def __str__(self):
        s = (self.file + ": " if self.file else "") + self.message
        if self.field:
            s += "; %s %s" % ("consider" if self.kind == "advice" else "using", self.field)
            s += (" = " + self.value if self.value else "") + (" " + self.when if self.when else "")
        return s

    def __repr__(self):
        return "fulcrum.Note(%s)" % ", ".join("%s=%r" % (k, v) for k, v in zip(self._fields, self))


class FulcrumWarning(UserWarning):
    """A note of the library (see Note), issued with warnings.warn when an analysis runs; .note
    is the Note, and its fields are the warning's attributes (.kind, .file, .field, ...). The
    result keeps them too, as its .notes. Silence them with
    warnings.simplefilter("ignore", fulcrum.FulcrumWarning)."""

    def __init__(self, note):
        super().__init__(str(note))
        self.note = note
        for k, v in zip(Note._fields, note):
            setattr(self, k, v)


def _warn(notes, already=()):
    """Issues each note not in `already` (the scenario's own, warned at load) as a warning
    pointing at the caller's line outside this package."""
    frame, level = sys._getframe(0), 1
    while frame is not None and frame.f_globals.get("__name__", "").split(".")[0] == __name__:
        frame, level = frame.f_back, level + 1
    for n in notes:
        if n not in already:
            warnings.warn(FulcrumWarning(n), stacklevel=level)


def _take_notes(ptr, n):
    """The notes array the library handed over (fc_report_*_noted), then freed."""
    try:
        return tuple(Note._from_c(ptr[i]) for i in range(n))
    finally:
        _lib.lib.fc_free(ctypes.cast(ptr, ctypes.c_void_p))


_BY_STATUS = {1: InputError, 2: UsageError, 3: InternalError, 4: IOError_, 5: InternalError}


def _raise(status, err):
    cls = _BY_STATUS.get(status, FulcrumError)
    raise cls(status, err.file.decode("utf-8", "replace"), err.line, err.column,
              err.field.decode("utf-8", "replace"), err.message.decode("utf-8", "replace"))


def _b(s):
    return None if s is None else str(s).encode("utf-8")


# ---- scenarios ----

def _args(**kw):
    """key=value strings of the library's analysis options; None leaves an option out."""
    out = []
    for k, v in kw.items():
        if v is None:
            continue
        if isinstance(v, bool):
            v = "true" if v else "false"
        out.append("%s=%s" % (k, v))
    return out


class _Source:
    """What the library reads: a file path, text (named `name`), or the built-in case."""

    def __init__(self, path=None, text=None, name=None, salience_scale=100):
        self.path, self.text, self.name, self.salience_scale = path, text, name, salience_scale

    @classmethod
    def from_dict(cls, d, name="scenario.json"):
        """A scenario from a dict in the scenario format of docs/formats.md (as JSON)."""
        return cls(text=json.dumps(d), name=name)

    def __repr__(self):
        src = self.path or self.name or "built-in"
        return "fulcrum.Scenario(%r)" % src

    def _options(self, keep, model=None, preset=None, settings=None, issue=None):
        o = _lib.RunOptions()
        _lib.lib.fc_run_options_init(ctypes.byref(o))
        if self.path is not None:
            o.path = keep(_b(self.path))
        elif self.text is not None:
            data = keep(self.text.encode("utf-8"))
            o.text, o.text_len, o.text_name = data, len(data), keep(_b(self.name))
        o.csv_salience_scale = float(self.salience_scale)
        o.model, o.preset, o.issue = keep(_b(model)), keep(_b(preset)), keep(_b(issue))
        if settings:
            items = settings.items() if isinstance(settings, dict) else [s.split("=", 1) for s in settings]
            arr = (ctypes.c_char_p * len(items))(*[_b("%s=%s" % (k, v)) for k, v in items])
            o.settings, o.n_settings = keep(arr), len(items)
        return o

    notes = ()

    def _check(self):
        """Reads the scenario once (errors surface here) and keeps the notes about reading it."""
        held = []
        o = self._options(lambda x: held.append(x) or x)
        err = _lib.Error()
        res = ctypes.c_void_p()
        st = _lib.lib.fc_run_load(ctypes.byref(o), ctypes.byref(res), ctypes.byref(err))
        try:
            notes = []
            while not st:
                n = _lib.lib.fc_run_result_note(res, len(notes))
                if not n:
                    break
                notes.append(Note._from_c(n.contents))
        finally:
            _lib.lib.fc_run_result_free(res)
        if st:
            _raise(st, err)
        self.notes = tuple(notes)

    def _report(self, fmt, trace=False, **kw):
        return self._report_noted(fmt, trace, **kw)[0]

    def _report_noted(self, fmt, trace=False, **kw):
        """The forecast report in `fmt` and the run's notes."""
        held = []
        o = self._options(lambda x: held.append(x) or x, **kw)
        err = _lib.Error()
        out = ctypes.c_void_p()
        notes = ctypes.POINTER(_lib.Note)()
        n = ctypes.c_size_t()
        st = _lib.lib.fc_report_run_noted(ctypes.byref(o), _b(fmt), int(bool(trace)), ctypes.byref(out),
                                          ctypes.byref(notes), ctypes.byref(n), ctypes.byref(err))
        if st:
            _raise(st, err)
        notes = _take_notes(notes, n.value)
        return _lib.take_string(out), notes

    def _analysis(self, analysis, fmt, args=(), **kw):
        return self._analysis_noted(analysis, fmt, args, **kw)[0]

    def _analysis_noted(self, analysis, fmt, args=(), **kw):
        """An analysis's report in `fmt` and the run's notes."""
        held = []
        o = self._options(lambda x: held.append(x) or x, **kw)
        arr = (ctypes.c_char_p * max(len(args), 1))(*[_b(a) for a in args])
        err = _lib.Error()
        out = ctypes.c_void_p()
        notes = ctypes.POINTER(_lib.Note)()
        n = ctypes.c_size_t()
        st = _lib.lib.fc_report_analysis_noted(ctypes.byref(o), _b(analysis), _b(fmt), arr, len(args),
                                               ctypes.byref(out), ctypes.byref(notes), ctypes.byref(n),
                                               ctypes.byref(err))
        if st:
            _raise(st, err)
        notes = _take_notes(notes, n.value)
        return _lib.take_string(out), notes


class Scenario(_Source):
    """A scenario to forecast: the built-in case, a file, or text (YAML, JSON or CSV).

    Make one with load(), load_builtin() or Scenario.from_dict(). The library reads the
    scenario again for each analysis; nothing of it is kept in Python but its source.
    Analyses: forecast(), dilemma(), sweep(); charts: chart().
    """

    def __init__(self, path=None, text=None, name=None, salience_scale=100):
        super().__init__(path, text, name, salience_scale)
        self._check()
        _warn(self.notes)

    def forecast(self, models=None, preset=None, settings=None, issue=None):
        """Forecasts the scenario (the library's fc_run_forecast).

        models: a model name of fulcrum's `models` list ("median", "eum", "smp", ...), or
            None / "all" for every model; preset: one of the model's presets; settings: a
            dict (or "key=value" strings) of model options, e.g. {"rounds": 3}; issue: the
            issue's id (default: the first). Returns a Forecast.
        """
        return Forecast(self, dict(model=models, preset=preset, settings=settings, issue=issue))

    def dilemma(self, models=None, preset=None, issue=None, mode="start"):
        """Compares the deciding actor's choices and the status quo under one or every model
        (`fulcrum dilemma`): outcome, backlash, conflicts, every actor's utility.

        models, preset, issue: as in forecast(); mode: "start" (the choice is the decider's
        starting position) or "commit" (held throughout). Returns a Dilemma.
        """
        return Dilemma(self, dict(model=models, preset=preset, issue=issue), _args(mode=mode))

    def sweep(self, runs=1000, model=None, preset=None, settings=None, issue=None, seed=1, threads=None,
              jitter=None, choices=False, mode=None, sensitivity=True):
        """Monte Carlo over the scenario's estimates (`fulcrum sweep`): `runs` runs of one model
        (default eum) with every uncertain input drawn from its distribution.

        seed: the random streams' seed (the same seed gives the same numbers whatever the
        threads); jitter: default spreads, e.g. "position=10,salience=10,capability=20%";
        choices: also compare the deciding actor's choices in every run (mode "start" or
        "commit"); sensitivity: the tornado and the regression. Returns a Sweep.
        """
        return Sweep(self, dict(model=model, preset=preset, settings=settings, issue=issue),
                     _args(runs=runs, seed=seed, threads=threads, jitter=jitter, choices=choices, mode=mode,
                           sensitivity=sensitivity))

    def chart(self, kind="issue", path=None, format=None, models=None, preset=None, settings=None, issue=None,
              runs=None, mode=None, round=None, width=None, height=None):
        """Draws one chart as `fulcrum chart KIND` does: "issue", "trajectory", "bargains"
        (the forecast of `models`), "dilemma" (mode) or "sweep" (runs, default 1000).

        format: "svg", "png" or "pdf" (default: path's extension, or svg). Returns the bytes,
        or, with a path, writes the file and returns the path. width, height: points.
        """
        if format is None:
            ext = os.path.splitext(str(path))[1].lower().lstrip(".") if path is not None else ""
            format = ext or "svg"
        args = _args(runs=runs, mode=mode, round=round, width=width, height=height)
        held = []
        o = self._options(lambda x: held.append(x) or x, model=models, preset=preset, settings=settings,
                          issue=issue)
        arr = (ctypes.c_char_p * max(len(args), 1))(*[_b(a) for a in args])
        err = _lib.Error()
        out = ctypes.c_void_p()
        n = ctypes.c_size_t()
        st = _lib.lib.fc_report_chart(ctypes.byref(o), _b(kind), _b(format), arr, len(args), ctypes.byref(out),
                                      ctypes.byref(n), ctypes.byref(err))
        if st:
            _raise(st, err)
        data = _lib.take_bytes(out, n.value)
        if path is None:
            return data
        with open(path, "wb") as f:
            f.write(data)
        return path


def load(path_or_text, salience_scale=100, name="scenario.yaml"):
    """A Scenario from a file path, or from YAML/JSON/CSV text (named `name` in messages;
    its extension gives the format). salience_scale: 1 for CSV tables on 0-1."""
    s = str(path_or_text)
    if "\n" not in s and os.path.exists(s):
        return Scenario(path=s, salience_scale=salience_scale)
    if "\n" not in s and s.endswith((".yaml", ".yml", ".json", ".csv", ".xml")):
        return Scenario(path=s, salience_scale=salience_scale)   # the library says it is missing
    return Scenario(text=s, name=name, salience_scale=salience_scale)


def load_builtin():
    """The built-in case: Azerbaijan in 2014, between Russia, Iran and the West."""
    return Scenario()


class Forecast:
    """The forecasts of one scenario by one or more models, as the library reports them."""

    def __init__(self, scenario, kw):
        self.scenario, self._kw = scenario, kw
        self._json, self.notes = scenario._report_noted("json", **kw)
        _warn(self.notes, scenario.notes)

    def to_json(self):
        """The library's JSON text, exactly as `fulcrum forecast --format json` prints it."""
        return self._json

    def to_dict(self):
        """The library's JSON, parsed."""
        return json.loads(self._json)

    def to_csv(self):
        """The long CSV of `fulcrum forecast --format csv`: model, preset, round, actor, issue,
        joint, position, median, mean, forecast, format_version."""
        return self.scenario._report("csv", **self._kw)

    def to_string(self, trace=False):
        """The text report of `fulcrum forecast` (trace: every round and event)."""
        return self.scenario._report("text", trace=trace, **self._kw)

    def to_frame(self):
        """to_csv() as a pandas DataFrame, or a fulcrum.Table without pandas; "NA" is missing."""
        return _frame(self.to_csv())

    def __str__(self):
        return self.to_string()


class _Report:
    """An analysis's reports, each the library's own text in one format (fetched once)."""

    _FRAME = "csv"

    def __init__(self, source, analysis, kw, args):
        self._source, self._analysis, self._kw, self._args = source, analysis, kw, list(args)
        self._cache = {}
        # Runs it now: errors surface at the call, notes become warnings there.
        self._json, self.notes = source._analysis_noted(analysis, "json", self._args, **kw)
        self._cache["json"] = self._json
        _warn(self.notes, source.notes)

    def _text(self, fmt):
        if fmt not in self._cache:
            self._cache[fmt] = self._source._analysis(self._analysis, fmt, self._args, **self._kw)
        return self._cache[fmt]

    def to_json(self):
        """The library's JSON, as the command line prints it with --format json."""
        return self._json

    def to_dict(self):
        """The library's JSON, parsed."""
        return json.loads(self._json)

    def to_string(self):
        """The text report of the command line."""
        return self._text("text")

    def to_csv(self):
        """The long CSV of the command line."""
        return self._text(self._FRAME)

    def to_frame(self):
        """to_csv() as a pandas DataFrame, or a fulcrum.Table without pandas; "NA" is missing."""
        return _frame(self.to_csv())

    def __str__(self):
        return self.to_string()


def _frame(text):
    """The library's CSV as a pandas DataFrame, or as a Table where pandas is not installed."""
    try:
        import pandas
    except ImportError:
        return Table(text)
    # round_trip: pandas' default parser may miss the nearest double by one unit in the last place;
    # this one reads every number as the library wrote it, bit for bit.
    return pandas.read_csv(_io.StringIO(text), keep_default_na=False, na_values=["NA"],
                           float_precision="round_trip")


def _bool(text):
    """TRUE / FALSE, as the library writes a flag and pandas and R read it."""
    if text == "TRUE":
        return True
    if text == "FALSE":
        return False
    raise ValueError(text)


def _cell(text, kind):
    if text == "NA":
        return None
    return kind(text)


class Table:
    """The long table to_frame() returns where pandas is not installed: the library's CSV in
    the same columns and rows a DataFrame would have, with no dependency.

    columns: the column names; rows: a list of tuples; len(t): the number of rows;
    t["position"]: one column as a list. A column whose every value is TRUE or FALSE holds
    bools, one whose every value is a whole number ints, one whose every value is a number
    floats (as pandas reads them), else strs;
    "NA" is None. to_csv() is the library's CSV text itself; to_dict(orient) is pandas'
    ("dict": {column: {row: value}}, "list": {column: [values]}, "records": [{column: value}]);
    to_string() lines the columns up for reading.
    """

    def __init__(self, text):
        import csv
        self._csv = text
        lines = list(csv.reader(_io.StringIO(text)))
        self.columns = lines[0] if lines else []
        raw = lines[1:]
        kinds = []
        for k in range(len(self.columns)):
            kind = str
            for cand in (_bool, int, float):
                try:
                    for r in raw:
                        if r[k] != "NA":
                            cand(r[k])
                except ValueError:
                    continue
                kind = cand
                break
            kinds.append(kind)
        self.rows = [tuple(_cell(v, kinds[k]) for k, v in enumerate(r)) for r in raw]

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, column):
        k = self.columns.index(column)
        return [r[k] for r in self.rows]

    def to_csv(self):
        """The library's CSV text, as `--format csv` prints it."""
        return self._csv

    def to_dict(self, orient="dict"):
        """The table as pandas' DataFrame.to_dict(orient) gives it: "dict", "list" or "records"."""
        if orient == "records":
            return [dict(zip(self.columns, r)) for r in self.rows]
        if orient == "list":
            return {c: self[c] for c in self.columns}
        if orient == "dict":
            return {c: dict(enumerate(self[c])) for c in self.columns}
        raise ValueError("orient must be dict, list or records, not %r" % (orient,))

    def to_string(self):
        """The columns lined up, a row number first, missing values as NaN (as pandas prints)."""
        def show(v):
            return "NaN" if v is None else repr(v) if isinstance(v, float) else str(v)
        cells = [[""] + self.columns] + [[str(i)] + [show(v) for v in r] for i, r in enumerate(self.rows)]
        widths = [max(len(row[k]) for row in cells) for k in range(len(cells[0]))]
        return "\n".join(" ".join(c.rjust(w) for c, w in zip(row, widths)) for row in cells)

    def __repr__(self):
        return self.to_string()


class Dilemma(_Report):
    """The deciding actor's dilemma (Scenario.dilemma()). to_frame(): one row per model,
    preset, mode, choice, figure, actor, round and event (`fulcrum dilemma --format csv`)."""

    def __init__(self, scenario, kw, args):
        super().__init__(scenario, "dilemma", kw, args)
        unstable = _unstable(self.to_dict())
        self.notes += unstable
        _warn(unstable)


class Sweep(_Report):
    """A Monte Carlo sweep (Scenario.sweep()). to_dict()/to_string(): the summary report
    (distribution, events, choices, sensitivity); to_csv()/to_frame(): every run's inputs and
    results, one row per run, quantity, actor, issue and choice (`--runs-csv`)."""

    _FRAME = "runs-csv"

    def __init__(self, scenario, kw, args):
        super().__init__(scenario, "sweep", kw, args)

    def forecasts(self):
        """Every run's forecast as a numpy array: shape (runs,) for one issue, (runs, issues)
        for several, in run order; NaN where a run failed."""
        import numpy
        fr = self.to_frame()
        fr = fr[fr["quantity"] == "forecast"]
        table = fr.pivot(index="run", columns="issue", values="value")
        values = table.to_numpy(dtype=float)
        return values[:, 0] if values.shape[1] == 1 else values


class Backtest(_Report):
    """A backtest on a DEU table (fulcrum.backtest()). to_frame(): each model's scores by era
    (`fulcrum backtest --format csv`); issues_frame(): every issue's forecast and error."""

    def __init__(self, table, kw, args):
        super().__init__(table, "backtest", kw, args)

    def issues_csv(self):
        """Every issue's forecast and error per model (`--per-issue`)."""
        return self._text("issues-csv")

    def issues_frame(self):
        """issues_csv() as a pandas DataFrame (a fulcrum.Table without pandas)."""
        return _frame(self.issues_csv())


def backtest(table, models=None, model=None, preset=None, settings=None, capabilities="council-votes",
             bootstrap=2000, seed=20140101, threads=None):
    """Every forecaster on every issue of a DEU table (a path, or its text), scored against the
    outcomes actually decided (`fulcrum backtest`).

    models: a list of "NAME" or "NAME:PRESET" (default: every model, every preset); model,
    preset: one model, or a preset in every model that has it; settings: "MODEL.NAME=VALUE"
    strings; capabilities: "council-votes" or "equal"; bootstrap: replicates of the MAE
    difference's interval; seed: the bootstrap's seed. Returns a Backtest.
    """
    s = str(table)
    src = _Source(path=s) if "\n" not in s else _Source(text=s, name="table.tsv")
    if models is not None and not isinstance(models, str):
        models = ",".join(models)
    return Backtest(src, dict(model=model, preset=preset, settings=settings),
                    _args(capabilities=capabilities, models=models, bootstrap=bootstrap, seed=seed, threads=threads))


# ---- games ----

class Equilibrium(tuple):
    """One equilibrium: a tuple of the profile's entries in Gambit's print order, as exact
    fractions.Fraction values (exact solvers) or as Fractions of the printed decimal."""


_SOLVERS = {"enumpure": "fc_game_enumpure", "enummixed": "fc_game_enummixed", "spe": "fc_game_spe"}


class Game:
    """A game in Gambit's .nfg or .efg format, solved by the library's solvers."""

    def __init__(self, handle):
        self._h = ctypes.c_void_p(handle)

    @classmethod
    def load(cls, path):
        """Reads a .nfg or .efg file."""
        err = _lib.Error()
        h = ctypes.c_void_p()
        st = _lib.lib.fc_game_load(_b(path), ctypes.byref(h), ctypes.byref(err))
        if st:
            _raise(st, err)
        return cls(h.value)

    def __del__(self):
        if getattr(self, "_h", None) and self._h.value:
            _lib.lib.fc_game_free(self._h)
            self._h = None

    @property
    def title(self):
        """The game's title."""
        return (_lib.lib.fc_game_title(self._h) or b"").decode("utf-8")

    @property
    def players(self):
        """The players' names, in order."""
        return [_lib.lib.fc_game_player(self._h, i).decode("utf-8")
                for i in range(_lib.lib.fc_game_n_players(self._h))]

    def solve(self, solver="enummixed"):
        """The equilibria by `solver` ("enumpure", "enummixed" or "spe"), in the order
        `fulcrum game FILE --solver SOLVER` prints them: a list of Equilibrium tuples."""
        if solver not in _SOLVERS:
            raise UsageError(2, "", 0, 0, "solver", "solver must be one of %s, not '%s'"
                             % (", ".join(_SOLVERS), solver))
        eq = _lib.Equilibria()
        err = _lib.Error()
        st = getattr(_lib.lib, _SOLVERS[solver])(self._h, ctypes.byref(eq), ctypes.byref(err))
        try:
            if st:
                _raise(st, err)
            out = []
            for i in range(eq.n):
                pr = _lib.lib.fc_equilibria_item(ctypes.byref(eq), i)
                out.append(Equilibrium(Fraction(_lib.take_string(_lib.lib.fc_profile_value_text(pr, k)))
                                       for k in range(_lib.lib.fc_profile_dim(pr))))
            return out
        finally:
            _lib.lib.fc_equilibria_free(ctypes.byref(eq))
