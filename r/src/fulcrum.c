/* The R package's C glue: each .Call entry fills the library's options from R's strings,
 * makes one library call and hands back its text (CSV, JSON, the text report), its chart
 * bytes or a game's exact equilibria as "p/q" strings. Errors come back as a list that the R
 * side (R/fulcrum.R) turns into a condition; nothing here computes a number of its own. */
#define R_NO_REMAP
#include <R.h>
#include <Rinternals.h>
#include <R_ext/Rdynload.h>

#include <stdlib.h>
#include <string.h>

#include <fulcrum/fulcrum.h>

/* A string of x (a character vector), or NULL when x is NULL, empty or NA. */
static const char *str_or_null(SEXP x)
{
    if (!Rf_isString(x) || XLENGTH(x) < 1 || STRING_ELT(x, 0) == NA_STRING)
        return NULL;
    return CHAR(STRING_ELT(x, 0));
}

/* The error as list(status, file, line, column, field, message) of class fulcrum_error_info. */
static SEXP error_info(const fc_error *err)
{
    const char *names[] = {"status", "file", "line", "column", "field", "message", ""};
    SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
    SET_VECTOR_ELT(out, 0, Rf_ScalarInteger((int)err->status));
    SET_VECTOR_ELT(out, 1, Rf_mkString(err->file));
    SET_VECTOR_ELT(out, 2, Rf_ScalarInteger(err->line));
    SET_VECTOR_ELT(out, 3, Rf_ScalarInteger(err->column));
    SET_VECTOR_ELT(out, 4, Rf_mkString(err->field));
    SET_VECTOR_ELT(out, 5, Rf_mkString(err->message));
    Rf_setAttrib(out, R_ClassSymbol, Rf_mkString("fulcrum_error_info"));
    UNPROTECT(1);
    return out;
}

/* The strings of a character vector as a C array (R_alloc: freed when the .Call returns). */
static const char **strings(SEXP x, size_t *n)
{
    *n = Rf_isString(x) ? (size_t)XLENGTH(x) : 0;
    const char **a = (const char **)R_alloc(*n ? *n : 1, sizeof *a);
    for (size_t i = 0; i < *n; i++)
        a[i] = CHAR(STRING_ELT(x, (R_xlen_t)i));
    return a;
}

/* src: list(path, text, name, salience_scale); sel: c(model, preset, issue), NA = unset. */
static void run_options(fc_run_options *o, SEXP src, SEXP sel, SEXP settings)
{
    fc_run_options_init(o);
    o->path = str_or_null(VECTOR_ELT(src, 0));
    SEXP text = VECTOR_ELT(src, 1);
    if (str_or_null(text)) {
        o->text = CHAR(STRING_ELT(text, 0));
        o->text_len = (size_t)LENGTH(STRING_ELT(text, 0));
        o->text_name = str_or_null(VECTOR_ELT(src, 2));
    }
    SEXP scale = VECTOR_ELT(src, 3);
    if (Rf_isReal(scale) && XLENGTH(scale) > 0)
        o->csv_salience_scale = REAL(scale)[0];
    if (Rf_isString(sel) && XLENGTH(sel) == 3) {
        o->model = STRING_ELT(sel, 0) == NA_STRING ? NULL : CHAR(STRING_ELT(sel, 0));
        o->preset = STRING_ELT(sel, 1) == NA_STRING ? NULL : CHAR(STRING_ELT(sel, 1));
        o->issue = STRING_ELT(sel, 2) == NA_STRING ? NULL : CHAR(STRING_ELT(sel, 2));
    }
    size_t n;
    o->settings = strings(settings, &n);
    o->n_settings = n;
}

/* The library's text as an R string, freed here. */
static SEXP take_text(char *text)
{
    SEXP out = PROTECT(Rf_allocVector(STRSXP, 1));
    SET_STRING_ELT(out, 0, Rf_mkCharCE(text ? text : "", CE_UTF8));
    fc_free(text);
    UNPROTECT(1);
    return out;
}

/* The notes a run attached (fc_run_note) as list(kind, file, message, field, value, when) of
 * character vectors, one entry per note; R/fulcrum.R signals each as a warning condition. The
 * library's array is copied into R's transient memory and freed before any R object is made. */
static SEXP notes_list(fc_run_note *notes, size_t n)
{
    fc_run_note *copy = n ? (fc_run_note *)R_alloc(n, sizeof *copy) : NULL;
    if (n)
        memcpy(copy, notes, n * sizeof *copy);
    fc_free(notes);
    static const char *const kinds[] = {"advice", "applied", "skipped"};
    const char *names[] = {"kind", "file", "message", "field", "value", "when", ""};
    SEXP out = PROTECT(Rf_mkNamed(VECSXP, names));
    for (int c = 0; c < 6; c++)
        SET_VECTOR_ELT(out, c, Rf_allocVector(STRSXP, (R_xlen_t)n));
    for (size_t i = 0; i < n; i++) {
        const fc_run_note *nt = &copy[i];
        unsigned k = (unsigned)nt->kind;
        const char *cells[] = {k < 3 ? kinds[k] : "note", nt->file, nt->message, nt->field, nt->value, nt->when};
        for (int c = 0; c < 6; c++)
            SET_STRING_ELT(VECTOR_ELT(out, c), (R_xlen_t)i, Rf_mkCharCE(cells[c], CE_UTF8));
    }
    UNPROTECT(1);
    return out;
}

/* what: "load" (reads and validates only: returns ""), "forecast" (format json, csv or
 * text; trace for text), or an analysis of fc_report_analysis with its key=value args. The
 * text carries the run's notes as attribute "notes" (notes_list). */
static SEXP fcr_run(SEXP src, SEXP what, SEXP format, SEXP sel, SEXP settings, SEXP args, SEXP trace)
{
    fc_run_options o;
    run_options(&o, src, sel, settings);
    fc_error err;
    fc_error_clear(&err);
    const char *w = str_or_null(what);
    const char *fmt = str_or_null(format);
    char *text = NULL;
    fc_run_note *notes = NULL;
    size_t n_notes = 0;
    fc_status st;
    if (w && strcmp(w, "load") == 0) {
        fc_run_result *r = NULL;
        st = fc_run_load(&o, &r, &err);
        if (!st && r->n_notes) {
            if ((notes = malloc(r->n_notes * sizeof *notes))) {
                memcpy(notes, r->notes, r->n_notes * sizeof *notes);
                n_notes = r->n_notes;
            } else {
                st = fc_error_nomem(&err);
            }
        }
        fc_run_result_free(r);
    } else if (w && strcmp(w, "forecast") == 0) {
        st = fc_report_run_noted(&o, fmt, Rf_asLogical(trace) == TRUE, &text, &notes, &n_notes, &err);
    } else {
        size_t n;
        const char **a = strings(args, &n);
        st = fc_report_analysis_noted(&o, w, fmt, a, n, &text, &notes, &n_notes, &err);
    }
    if (st) {
        fc_free(text);
        fc_free(notes);
        return error_info(&err);
    }
    SEXP nl = PROTECT(notes_list(notes, n_notes));
    SEXP out = PROTECT(take_text(text));
    Rf_setAttrib(out, Rf_install("notes"), nl);
    UNPROTECT(2);
    return out;
}

static SEXP fcr_chart(SEXP src, SEXP kind, SEXP format, SEXP sel, SEXP settings, SEXP args)
{
    fc_run_options o;
    run_options(&o, src, sel, settings);
    fc_error err;
    fc_error_clear(&err);
    size_t n, len = 0;
    const char **a = strings(args, &n);
    unsigned char *data = NULL;
    if (fc_report_chart(&o, str_or_null(kind), str_or_null(format), a, n, &data, &len, &err))
        return error_info(&err);
    SEXP out = Rf_allocVector(RAWSXP, (R_xlen_t)len);
    if (len)
        memcpy(RAW(out), data, len);
    fc_free(data);
    return out;
}

/* A game's equilibria by solver: a list of character vectors of exact "p/q" (or decimal)
 * entries in Gambit's print order, with the players' names as attribute "players". */
static SEXP fcr_game(SEXP path, SEXP solver)
{
    fc_error err;
    fc_error_clear(&err);
    const char *s = str_or_null(solver);
    fc_status (*solve)(const fc_game *, fc_equilibria *, fc_error *) = NULL;
    if (s && strcmp(s, "enumpure") == 0)
        solve = fc_game_enumpure;
    else if (s && strcmp(s, "enummixed") == 0)
        solve = fc_game_enummixed;
    else if (s && strcmp(s, "spe") == 0)
        solve = fc_game_spe;
    else {
        fc_error_set(&err, FC_EUSAGE, NULL, 0, 0, "solver", "solver must be enumpure, enummixed or spe, not '%s'",
                     s ? s : "");
        return error_info(&err);
    }
    fc_game *g = NULL;
    if (fc_game_load(str_or_null(path), &g, &err))
        return error_info(&err);
    fc_equilibria eq;
    memset(&eq, 0, sizeof eq);
    if (solve(g, &eq, &err)) {
        fc_equilibria_free(&eq);
        fc_game_free(g);
        return error_info(&err);
    }
    /* Copy everything into C strings first, so that no R allocation can jump out while the
     * library's objects are held. */
    size_t total = 0;
    for (size_t i = 0; i < eq.n; i++)
        total += fc_profile_dim(fc_equilibria_item(&eq, i));
    char **vals = calloc(total ? total : 1, sizeof *vals);
    size_t k = 0;
    int nomem = !vals;
    for (size_t i = 0; i < eq.n && !nomem; i++) {
        const fc_profile *pr = fc_equilibria_item(&eq, i);
        for (size_t j = 0; j < fc_profile_dim(pr) && !nomem; j++)
            nomem = !(vals[k++] = fc_profile_value_text(pr, j));
    }
    size_t n_players = fc_game_n_players(g);
    char **players = calloc(n_players ? n_players : 1, sizeof *players);
    nomem = nomem || !players;
    for (size_t p = 0; p < n_players && !nomem; p++) {
        const char *name = fc_game_player(g, p);
        players[p] = malloc(strlen(name) + 1);
        if (players[p])
            strcpy(players[p], name);
        else
            nomem = 1;
    }
    size_t n_eq = eq.n;
    size_t *dims = calloc(n_eq ? n_eq : 1, sizeof *dims);
    nomem = nomem || !dims;
    for (size_t i = 0; i < n_eq && !nomem; i++)
        dims[i] = fc_profile_dim(fc_equilibria_item(&eq, i));
    fc_equilibria_free(&eq);
    fc_game_free(g);
    SEXP out = R_NilValue;
    if (nomem) {
        fc_error_nomem(&err);
        out = error_info(&err);
    } else {
        out = PROTECT(Rf_allocVector(VECSXP, (R_xlen_t)n_eq));
        k = 0;
        for (size_t i = 0; i < n_eq; i++) {
            SEXP v = Rf_allocVector(STRSXP, (R_xlen_t)dims[i]);
            SET_VECTOR_ELT(out, (R_xlen_t)i, v);
            for (size_t j = 0; j < dims[i]; j++, k++)
                SET_STRING_ELT(v, (R_xlen_t)j, Rf_mkChar(vals[k]));
        }
        SEXP pl = PROTECT(Rf_allocVector(STRSXP, (R_xlen_t)n_players));
        for (size_t p = 0; p < n_players; p++)
            SET_STRING_ELT(pl, (R_xlen_t)p, Rf_mkCharCE(players[p], CE_UTF8));
        Rf_setAttrib(out, Rf_install("players"), pl);
        UNPROTECT(2);
    }
    for (size_t i = 0; i < total && vals; i++)
        fc_free(vals[i]);
    for (size_t p = 0; p < n_players && players; p++)
        free(players[p]);
    free(vals);
    free(players);
    free(dims);
    return out;
}

static SEXP fcr_version(void)
{
    return Rf_mkString(fc_version());
}

/* R's registration table holds every entry as DL_FUNC; the detour through void (*)(void),
 * the generic function pointer, says the cast is meant (gcc's -Wcast-function-type). */
#define CALL(f, n) {#f, (DL_FUNC)(void (*)(void))f, n}
static const R_CallMethodDef calls[] = {
    CALL(fcr_run, 7),
    CALL(fcr_chart, 6),
    CALL(fcr_game, 2),
    CALL(fcr_version, 0),
    {NULL, NULL, 0},
};

void R_init_fulcrum(DllInfo *dll);

void R_init_fulcrum(DllInfo *dll)
{
    R_registerRoutines(dll, NULL, calls, NULL, NULL);
    R_useDynamicSymbols(dll, FALSE);
    R_forceSymbols(dll, TRUE);
}
