/* The plain actor table of the EUM literature: one row per actor (and issue), columns actor,
 * capability, position, salience and optionally issue, in any order. Header names used by the
 * published data sets are accepted as synonyms (name/stakeholder, resources/c, x, s). An issue's
 * scale and status quo come from the optional columns min, max and status_quo (one value per
 * issue, repeated or left empty on its other rows); without them the scale is the range of the
 * positions given for it. */
#include <csv.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fulcrum/util.h"
#include "io/readers.h"
#include "util/strmap.h"
#include "util/strutil.h"

enum { COL_ACTOR, COL_CAPABILITY, COL_POSITION, COL_SALIENCE, COL_ISSUE, COL_MIN, COL_MAX, COL_SQ, N_COLS };
static const char *const col_names[N_COLS] = {"actor", "capability", "position", "salience", "issue",
                                              "min", "max", "status_quo"};

typedef struct row {
    char *cell[N_COLS];
    int line;
} row;

typedef struct table {
    int col_of[N_COLS];   /* index of each column in the file, -1 if absent */
    size_t n_fields;      /* fields in the row being read */
    char **fields;
    size_t cap_fields;
    row *rows;
    size_t n_rows, cap_rows;
    int line;             /* line of the text being read (1-based), blank lines counted */
    int header_done;
    int failed;           /* out of memory */
    int width;            /* number of header fields */
    int bad_width_line;   /* first data row whose field count differs from the header */
} table;

static int column_for(const char *h)
{
    static const struct { const char *name; int col; } synonyms[] = {
        {"actor", COL_ACTOR}, {"name", COL_ACTOR}, {"stakeholder", COL_ACTOR},
        {"capability", COL_CAPABILITY}, {"resources", COL_CAPABILITY}, {"c", COL_CAPABILITY},
        {"position", COL_POSITION}, {"x", COL_POSITION},
        {"salience", COL_SALIENCE}, {"s", COL_SALIENCE},
        {"issue", COL_ISSUE},
        {"min", COL_MIN}, {"scale_min", COL_MIN},
        {"max", COL_MAX}, {"scale_max", COL_MAX},
        {"status_quo", COL_SQ}, {"sq", COL_SQ},
    };
    for (size_t i = 0; i < sizeof synonyms / sizeof synonyms[0]; i++)
        if (strcasecmp(h, synonyms[i].name) == 0)
            return synonyms[i].col;
    return -1;
}

static void on_field(void *data, size_t len, void *ctx)
{
    table *t = ctx;
    if (t->failed)
        return;
    if (t->n_fields == t->cap_fields) {
        size_t cap = t->cap_fields ? 2 * t->cap_fields : 8;
        char **f = realloc(t->fields, cap * sizeof *f);
        if (!f) {
            t->failed = 1;
            return;
        }
        t->fields = f;
        t->cap_fields = cap;
    }
    char *s = malloc(len + 1);
    if (!s) {
        t->failed = 1;
        return;
    }
    memcpy(s, data, len);
    s[len] = '\0';
    t->fields[t->n_fields++] = s;
}

static void on_row(int terminator, void *ctx)
{
    (void)terminator;
    table *t = ctx;
    if (!t->failed) {
        if (!t->header_done) {
            t->header_done = 1;
            t->width = (int)t->n_fields;
            for (size_t i = 0; i < t->n_fields; i++) {
                int c = column_for(t->fields[i]);
                if (c >= 0 && t->col_of[c] < 0)
                    t->col_of[c] = (int)i;
            }
        } else if (!(t->n_fields == 1 && t->fields[0][0] == '\0')) {
            if ((int)t->n_fields != t->width && !t->bad_width_line)
                t->bad_width_line = t->line;
            if (t->n_rows == t->cap_rows) {
                size_t cap = t->cap_rows ? 2 * t->cap_rows : 16;
                row *r = realloc(t->rows, cap * sizeof *r);
                if (!r)
                    t->failed = 1;
                else
                    t->rows = r, t->cap_rows = cap;
            }
            if (!t->failed) {
                row *r = &t->rows[t->n_rows++];
                r->line = t->line;
                for (int c = 0; c < N_COLS; c++) {
                    int i = t->col_of[c];
                    r->cell[c] = i >= 0 && (size_t)i < t->n_fields ? fc_strdup_or_null(t->fields[i]) : NULL;
                }
            }
        }
    }
    for (size_t i = 0; i < t->n_fields; i++)
        free(t->fields[i]);
    t->n_fields = 0;
}

static void table_free(table *t)
{
    for (size_t i = 0; i < t->n_fields; i++)
        free(t->fields[i]);
    free(t->fields);
    for (size_t i = 0; i < t->n_rows; i++)
        for (int c = 0; c < N_COLS; c++)
            free(t->rows[i].cell[c]);
    free(t->rows);
}

/* The separator of the header line: ',' unless ';' (Excel where the decimal mark is a comma)
 * or a tab is more frequent there, outside quotes. */
static char csv_delimiter(const char *text, size_t len)
{
    size_t comma = 0, semi = 0, tab = 0;
    int quoted = 0;
    for (size_t i = 0; i < len && (quoted || text[i] != '\n'); i++) {
        char ch = text[i];
        if (ch == '"')
            quoted = !quoted;
        else if (!quoted)
            comma += ch == ',', semi += ch == ';', tab += ch == '\t';
    }
    if (semi > comma && semi >= tab)
        return ';';
    if (tab > comma && tab > semi)
        return '\t';
    return ',';
}

/* Set while reading a semicolon-separated table: Excel writes those where the decimal mark is
 * a comma, so there "20,5" is 20.5 (one comma, no point); elsewhere a comma is no number. */
static _Thread_local int decimal_comma;

static fc_status parse_cell_number(const char *name, const row *r, int col, double *out, fc_error *err)
{
    const char *s = r->cell[col];
    double v = 0;
    char dotted[64];
    const char *comma = s ? strchr(s, ',') : NULL;
    if (decimal_comma && comma && !strchr(comma + 1, ',') && !strchr(s, '.') && strlen(s) < sizeof dotted) {
        snprintf(dotted, sizeof dotted, "%s", s);
        dotted[comma - s] = '.';
        s = dotted;
    }
    fc_number_status ns = fc_number_parse(s, &v);
    s = r->cell[col];
    if (ns == FC_NUMBER_EMPTY || ns == FC_NUMBER_SYNTAX)
        return fc_error_set(err, FC_EINPUT, name, r->line, 0, col_names[col],
                            "expected a number, found \"%s\"", s);
    if (ns != FC_NUMBER_OK)
        return fc_error_set(err, FC_EINPUT, name, r->line, 0, col_names[col],
                            "must be a finite number (not NaN or infinite), found \"%s\"", s);
    *out = v;
    return FC_OK;
}

/* What the optional columns min, max and status_quo declare for one issue, and the line each
 * was first given on (0: not given). */
typedef struct declared {
    double v[3];
    int line[3];
} declared;

/* Takes a row's min, max and status_quo cells (empty cells declare nothing); a value that
 * differs from the one an earlier row of the issue gave is an error naming both lines. */
static fc_status declared_values(const char *name, const row *r, declared *d, fc_error *err)
{
    for (int k = 0; k < 3; k++) {
        int col = COL_MIN + k;
        if (!r->cell[col] || fc_number_parse(r->cell[col], &(double){0}) == FC_NUMBER_EMPTY)
            continue;
        double v = 0;
        fc_status st = parse_cell_number(name, r, col, &v, err);
        if (st)
            return st;
        if (d->line[k] && d->v[k] != v)
            return fc_error_set(err, FC_EINPUT, name, r->line, 0, col_names[col],
                                "%g here but %g on line %d: an issue has one %s", v, d->v[k], d->line[k],
                                col_names[col]);
        if (!d->line[k]) {
            d->v[k] = v;
            d->line[k] = r->line;
        }
    }
    return FC_OK;
}

fc_status fc_read_csv(const char *text, size_t len, const char *name, double salience_scale,
                      fc_scenario *sc, fc_error *err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0)
        return fc_error_nomem(err);
    table t = {.col_of = {-1, -1, -1, -1, -1, -1, -1, -1}};
    fc_status st = FC_OK;
    /* Excel writes a UTF-8 byte order mark first: it is not part of the first column's name. */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        text += 3, len -= 3;
    char delim = csv_delimiter(text, len);
    csv_set_delim(&p, delim);
    decimal_comma = delim == ';';
    /* Fed one line at a time so that a row's line is the line it ends on, blank lines counted
     * (libcsv skips them and reports no positions). */
    size_t at = 0;
    int bad = 0;
    while (at < len && !bad) {
        const char *nl = memchr(text + at, '\n', len - at);
        size_t n = nl ? (size_t)(nl - (text + at)) + 1 : len - at;
        t.line++;
        bad = csv_parse(&p, text + at, n, on_field, on_row, &t) != n;
        at += n;
    }
    if (!t.line)
        t.line = 1;
    if (bad || csv_fini(&p, on_field, on_row, &t) != 0) {
        st = fc_error_set(err, FC_EINPUT, name, t.line, 0, NULL, "not a valid CSV table: %s",
                          csv_strerror(csv_error(&p)));
        goto done;
    }
    if (t.failed) {
        st = fc_error_nomem(err);
        goto done;
    }
    if (!t.header_done) {
        st = fc_error_set(err, FC_EINPUT, name, 1, 0, "actors", "the file is empty: no header and no actors");
        goto done;
    }
    for (int c = 0; c < COL_ISSUE; c++)
        if (t.col_of[c] < 0) {
            st = fc_error_set(err, FC_EINPUT, name, 1, 0, col_names[c],
                              "missing column '%s' (the header needs actor, capability, position, salience; "
                              "issue is optional)", col_names[c]);
            goto done;
        }
    if (t.bad_width_line) {
        st = fc_error_set(err, FC_EINPUT, name, t.bad_width_line, 0, NULL,
                          "the row has a different number of fields than the header (%d)", t.width);
        goto done;
    }
    if (t.n_rows == 0) {
        st = fc_error_set(err, FC_EINPUT, name, 2, 0, "actors",
                          "the actor list is empty: a scenario needs at least one actor");
        goto done;
    }
    sc->salience_max = salience_scale;
    /* A table has no title of its own: name it after its file. */
    const char *base = strrchr(name, '/');
    sc->title = fc_strdup_or_null(base ? base + 1 : name);

    /* Issues in order of first appearance; a table without an issue column has one. */
    sc->issues = calloc(t.n_rows, sizeof *sc->issues);
    sc->actors = calloc(t.n_rows, sizeof *sc->actors);
    size_t *actor_of_row = calloc(t.n_rows, sizeof *actor_of_row);
    size_t *issue_of_row = calloc(t.n_rows, sizeof *issue_of_row);
    fc_strmap actor_ids; /* the actors' ids, which the scenario owns, to their indexes */
    int map_failed = fc_strmap_init(&actor_ids, t.n_rows);
    if (!sc->issues || !sc->actors || !actor_of_row || !issue_of_row || map_failed) {
        free(actor_of_row);
        free(issue_of_row);
        fc_strmap_free(&actor_ids);
        st = fc_error_nomem(err);
        goto done;
    }
    for (size_t i = 0; i < t.n_rows && !st; i++) {
        row *r = &t.rows[i];
        const char *issue = r->cell[COL_ISSUE] && r->cell[COL_ISSUE][0] ? r->cell[COL_ISSUE] : "issue";
        long ix = fc_scenario_issue_index(sc, issue);
        if (ix < 0) {
            fc_issue *is = &sc->issues[sc->n_issues];
            is->id = fc_strdup_or_null(issue);
            is->label = fc_strdup_or_null(issue);
            is->line = r->line;
            is->scale_min = INFINITY;
            is->scale_max = -INFINITY;
            if (!is->id || !is->label)
                st = fc_error_nomem(err);
            ix = (long)sc->n_issues++;
        }
        issue_of_row[i] = (size_t)ix;
        const char *actor = r->cell[COL_ACTOR];
        if (!actor || !actor[0]) {
            st = fc_error_set(err, FC_EINPUT, name, r->line, 0, "actor", "missing actor name");
            break;
        }
        long ax = fc_strmap_get(&actor_ids, actor);
        if (ax < 0) {
            fc_actor *a = &sc->actors[sc->n_actors];
            a->id = fc_strdup_or_null(actor);
            a->name = fc_strdup_or_null(actor);
            a->line = r->line;
            if (!a->id || !a->name || fc_strmap_put(&actor_ids, a->id, sc->n_actors, NULL) < 0)
                st = fc_error_nomem(err);
            ax = (long)sc->n_actors++;
        }
        actor_of_row[i] = (size_t)ax;
    }
    for (size_t a = 0; a < sc->n_actors && !st; a++) {
        sc->actors[a].stances = calloc(sc->n_issues, sizeof *sc->actors[a].stances);
        if (!sc->actors[a].stances)
            st = fc_error_nomem(err);
    }
    for (size_t i = 0; i < t.n_rows && !st; i++) {
        row *r = &t.rows[i];
        fc_actor *a = &sc->actors[actor_of_row[i]];
        fc_issue *is = &sc->issues[issue_of_row[i]];
        fc_stance *s = &a->stances[issue_of_row[i]];
        if (s->present) {
            st = fc_error_set(err, FC_EINPUT, name, r->line, 0, "actor",
                              "duplicate actor '%s' on issue '%s' (first on line %d)", a->id, is->id,
                              s->position.line);
            break;
        }
        double cap = 0;
        if ((st = parse_cell_number(name, r, COL_CAPABILITY, &cap, err)) ||
            (st = parse_cell_number(name, r, COL_POSITION, &s->position.value, err)) ||
            (st = parse_cell_number(name, r, COL_SALIENCE, &s->salience.value, err)))
            break;
        if (a->line != r->line && a->capability.value != cap) {
            st = fc_error_set(err, FC_EINPUT, name, r->line, 0, "capability",
                              "actor '%s' has capability %g here but %g on line %d", a->id, cap,
                              a->capability.value, a->line);
            break;
        }
        a->capability.value = cap;
        a->capability.line = a->line;
        s->position.line = s->salience.line = r->line;
        s->present = true;
        if (s->position.value < is->scale_min)
            is->scale_min = s->position.value;
        if (s->position.value > is->scale_max)
            is->scale_max = s->position.value;
    }
    /* Declared scale and status quo: one value per issue, on any of its rows. */
    declared *decl = st ? NULL : calloc(sc->n_issues ? sc->n_issues : 1, sizeof *decl);
    if (!st && !decl)
        st = fc_error_nomem(err);
    for (size_t i = 0; i < t.n_rows && !st; i++)
        st = declared_values(name, &t.rows[i], &decl[issue_of_row[i]], err);
    for (size_t k = 0; k < sc->n_issues && !st; k++) {
        fc_issue *is = &sc->issues[k];
        if (decl[k].line[0])
            is->scale_min = decl[k].v[0];
        if (decl[k].line[1])
            is->scale_max = decl[k].v[1];
        if (decl[k].line[2]) {
            is->status_quo = decl[k].v[2];
            is->has_status_quo = true;
        }
    }
    /* One position only: give the scale a unit width around it so that it is valid. */
    for (size_t k = 0; k < sc->n_issues && !st; k++)
        if (!decl[k].line[0] && !decl[k].line[1] && !(sc->issues[k].scale_min < sc->issues[k].scale_max)) {
            sc->issues[k].scale_min -= 0.5;
            sc->issues[k].scale_max += 0.5;
        }
    free(decl);
    fc_strmap_free(&actor_ids);
    free(actor_of_row);
    free(issue_of_row);
done:
    csv_free(&p);
    table_free(&t);
    return st;
}
