"""Fulcrum from Python: bargaining forecasts of foreign-policy contests.

A thin binding (ctypes) over the C library libfulcrum.so: every number comes from the
library, which writes its own JSON and CSV; this package only parses them.

    >>> import fulcrum
    >>> sc = fulcrum.load_builtin()                # Azerbaijan 2014, compiled in
    >>> fc = sc.forecast(models="eum")             # or "all", "median", "smp", ...
    >>> fc.to_dict()["forecasts"][0]["model"]
    'eum'
    >>> fc.to_frame()                              # pandas, one row per model/round/actor/issue
    >>> sc = fulcrum.load("scenarios/eu-emissions-1994.yaml")
    >>> fulcrum.Game.load("game.nfg").solve("enummixed")   # exact fractions.Fraction values

Errors raise FulcrumError subclasses (InputError, UsageError, ...) that carry the file,
line, column and field the library named.
"""
import ctypes
import io as _io
import json
import os
from fractions import Fraction

from . import _lib

__all__ = ["load", "load_builtin", "Scenario", "Forecast", "Game", "Equilibrium", "FulcrumError",
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


_BY_STATUS = {1: InputError, 2: UsageError, 3: InternalError, 4: IOError_, 5: InternalError}


def _raise(status, err):
    cls = _BY_STATUS.get(status, FulcrumError)
    raise cls(status, err.file.decode("utf-8", "replace"), err.line, err.column,
              err.field.decode("utf-8", "replace"), err.message.decode("utf-8", "replace"))


def _b(s):
    return None if s is None else str(s).encode("utf-8")


# ---- scenarios ----

class Scenario:
    """A scenario to forecast: the built-in case, a file, or text (YAML, JSON or CSV).

    Make one with load(), load_builtin() or Scenario.from_dict(). The library reads the
    scenario again for each analysis; nothing of it is kept in Python but its source.
    """

    def __init__(self, path=None, text=None, name=None, salience_scale=100):
        self.path, self.text, self.name, self.salience_scale = path, text, name, salience_scale
        self._check()

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

    def _check(self):
        held = []
        o = self._options(lambda x: held.append(x) or x)
        err = _lib.Error()
        res = ctypes.c_void_p()
        st = _lib.lib.fc_run_load(ctypes.byref(o), ctypes.byref(res), ctypes.byref(err))
        _lib.lib.fc_run_result_free(res)
        if st:
            _raise(st, err)

    def _report(self, fmt, trace=False, **kw):
        held = []
        o = self._options(lambda x: held.append(x) or x, **kw)
        err = _lib.Error()
        out = ctypes.c_void_p()
        st = _lib.lib.fc_report_run(ctypes.byref(o), _b(fmt), int(bool(trace)), ctypes.byref(out),
                                    ctypes.byref(err))
        if st:
            _raise(st, err)
        return _lib.take_string(out)

    def forecast(self, models=None, preset=None, settings=None, issue=None):
        """Forecasts the scenario (the library's fc_run_forecast).

        models: a model name of fulcrum's `models` list ("median", "eum", "smp", ...), or
            None / "all" for every model; preset: one of the model's presets; settings: a
            dict (or "key=value" strings) of model options, e.g. {"rounds": 3}; issue: the
            issue's id (default: the first). Returns a Forecast.
        """
        return Forecast(self, dict(model=models, preset=preset, settings=settings, issue=issue))


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
        self._json = scenario._report("json", **kw)

    def to_json(self):
        """The library's JSON text, exactly as `fulcrum forecast --format json` prints it."""
        return self._json

    def to_dict(self):
        """The library's JSON, parsed."""
        return json.loads(self._json)

    def to_csv(self):
        """The long CSV of `fulcrum forecast --format csv`: model, preset, round, actor, issue,
        position, median, mean, forecast."""
        return self.scenario._report("csv", **self._kw)

    def to_string(self, trace=False):
        """The text report of `fulcrum forecast` (trace: every round and event)."""
        return self.scenario._report("text", trace=trace, **self._kw)

    def to_frame(self):
        """A pandas DataFrame of to_csv() (requires pandas); "NA" reads as missing."""
        import pandas
        return pandas.read_csv(_io.StringIO(self.to_csv()), keep_default_na=False, na_values=["NA"])

    def __str__(self):
        return self.to_string()


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
