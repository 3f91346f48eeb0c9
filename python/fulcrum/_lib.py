"""Finds and loads libfulcrum.so and declares the few C functions the package calls (ctypes).

Order: $FULCRUM_LIBRARY, then the package's own copy (fulcrum/libfulcrum.so.0, which
scripts/install-bindings.sh, run by `make run` and `make test`, puts there), then a build tree
of the checkout this package sits in, then the lib/ folder of the environment Python runs in,
then the system's installed soname (libfulcrum.so.0, e.g. after `cmake --install`).
"""
import ctypes
import ctypes.util
import os
import sys

SONAME = "libfulcrum.so.0"


class Error(ctypes.Structure):
    """struct fc_error of include/fulcrum/error.h."""
    _fields_ = [("status", ctypes.c_int), ("file", ctypes.c_char * 256), ("line", ctypes.c_int),
                ("column", ctypes.c_int), ("field", ctypes.c_char * 128), ("message", ctypes.c_char * 512)]


class Note(ctypes.Structure):
    """struct fc_run_note of include/fulcrum/run.h."""
    _fields_ = [("kind", ctypes.c_int), ("file", ctypes.c_char * 512), ("message", ctypes.c_char * 256),
                ("field", ctypes.c_char * 32), ("value", ctypes.c_char * 96), ("when", ctypes.c_char * 96)]


class RunOptions(ctypes.Structure):
    """struct fc_run_options of include/fulcrum/run.h (filled by fc_run_options_init)."""
    _fields_ = [("scenario", ctypes.c_void_p), ("text", ctypes.c_char_p), ("text_len", ctypes.c_size_t),
                ("text_name", ctypes.c_char_p), ("path", ctypes.c_char_p),
                ("csv_salience_scale", ctypes.c_double), ("issue", ctypes.c_char_p),
                ("model", ctypes.c_char_p), ("preset", ctypes.c_char_p),
                ("settings", ctypes.POINTER(ctypes.c_char_p)), ("n_settings", ctypes.c_size_t)]


class Equilibria(ctypes.Structure):
    """struct fc_equilibria of include/fulcrum/game.h."""
    _fields_ = [("kind", ctypes.c_int), ("exact", ctypes.c_bool), ("n", ctypes.c_size_t),
                ("cap", ctypes.c_size_t), ("items", ctypes.c_void_p), ("note", ctypes.c_char * 512),
                ("converged", ctypes.c_bool), ("max_regret", ctypes.c_double)]


def _candidates():
    env = os.environ.get("FULCRUM_LIBRARY")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    yield os.path.join(here, SONAME)
    # A checkout: python/fulcrum/_lib.py -> the checkout's build trees.
    root = os.path.dirname(os.path.dirname(here))
    for tree in ("build", "build-dev", "build-test", "build-clang"):
        yield os.path.join(root, tree, SONAME)
    yield os.path.join(sys.prefix, "lib", SONAME)
    found = ctypes.util.find_library("fulcrum")
    if found:
        yield found
    yield SONAME


def _open():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            return ctypes.CDLL(path), path
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError("fulcrum: libfulcrum.so not found; set FULCRUM_LIBRARY. Tried: " + "; ".join(tried))


lib, path = _open()

_P = ctypes.c_void_p
_S = ctypes.c_char_p
_E = ctypes.POINTER(Error)
for name, res, args in [
    ("fc_version", _S, []),
    ("fc_free", None, [_P]),
    ("fc_error_clear", None, [_E]),
    ("fc_run_options_init", None, [ctypes.POINTER(RunOptions)]),
    ("fc_run_load", ctypes.c_int, [ctypes.POINTER(RunOptions), ctypes.POINTER(_P), _E]),
    ("fc_run_result_free", None, [_P]),
    ("fc_report_run", ctypes.c_int, [ctypes.POINTER(RunOptions), _S, ctypes.c_int, ctypes.POINTER(_P), _E]),
    ("fc_report_run_noted", ctypes.c_int, [ctypes.POINTER(RunOptions), _S, ctypes.c_int, ctypes.POINTER(_P),
                                           ctypes.POINTER(ctypes.POINTER(Note)), ctypes.POINTER(ctypes.c_size_t), _E]),
    ("fc_report_analysis_noted", ctypes.c_int, [ctypes.POINTER(RunOptions), _S, _S, ctypes.POINTER(_S),
                                                ctypes.c_size_t, ctypes.POINTER(_P),
                                                ctypes.POINTER(ctypes.POINTER(Note)),
                                                ctypes.POINTER(ctypes.c_size_t), _E]),
    ("fc_run_result_note", ctypes.POINTER(Note), [_P, ctypes.c_size_t]),
    ("fc_report_analysis", ctypes.c_int, [ctypes.POINTER(RunOptions), _S, _S, ctypes.POINTER(_S), ctypes.c_size_t,
                                          ctypes.POINTER(_P), _E]),
    ("fc_report_chart", ctypes.c_int, [ctypes.POINTER(RunOptions), _S, _S, ctypes.POINTER(_S), ctypes.c_size_t,
                                       ctypes.POINTER(_P), ctypes.POINTER(ctypes.c_size_t), _E]),
    ("fc_game_load", ctypes.c_int, [_S, ctypes.POINTER(_P), _E]),
    ("fc_game_free", None, [_P]),
    ("fc_game_title", _S, [_P]),
    ("fc_game_n_players", ctypes.c_size_t, [_P]),
    ("fc_game_player", _S, [_P, ctypes.c_size_t]),
    ("fc_game_enumpure", ctypes.c_int, [_P, ctypes.POINTER(Equilibria), _E]),
    ("fc_game_enummixed", ctypes.c_int, [_P, ctypes.POINTER(Equilibria), _E]),
    ("fc_game_spe", ctypes.c_int, [_P, ctypes.POINTER(Equilibria), _E]),
    ("fc_equilibria_free", None, [ctypes.POINTER(Equilibria)]),
    ("fc_equilibria_item", _P, [ctypes.POINTER(Equilibria), ctypes.c_size_t]),
    ("fc_profile_dim", ctypes.c_size_t, [_P]),
    ("fc_profile_value_text", _P, [_P, ctypes.c_size_t]),
]:
    fn = getattr(lib, name)
    fn.restype = res
    fn.argtypes = args


def take_bytes(ptr, n):
    """n bytes the library allocated, which are then freed with fc_free."""
    if not ptr:
        raise MemoryError("fulcrum: the library ran out of memory")
    try:
        return ctypes.string_at(ptr, n)
    finally:
        lib.fc_free(ptr)


def take_string(ptr):
    """The text of a library-allocated string, which is then freed with fc_free."""
    if not ptr:
        raise MemoryError("fulcrum: the library ran out of memory")
    try:
        return ctypes.string_at(ptr).decode("utf-8")
    finally:
        lib.fc_free(ptr)
