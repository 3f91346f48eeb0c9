/* The DEU table (Decision-making in the European Union; Thomson et al. 2006, 2012; Arregui &
 * Perarnaud 2021): one row per contested issue, with the 30 actors' positions and saliences,
 * the reference point and the outcome. Each scored row becomes a one-issue fc_problem whose
 * capabilities come from a named scheme, since the data record none. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/deu.h"
#include "fulcrum/util.h"
#include "util/strutil.h"

/* The DEU actors in the data's column order, with the Council's QMV weights: the Treaty of
 * Amsterdam's (EU-15, total 87) and the Treaty of Nice's (EU-27 total 345; Croatia 7).
 * Public treaty facts; tests/unit/test_backtest.c checks them against council_votes.csv. */
typedef struct deu_actor {
    const char *code, *name;
    double pre_nice, nice;   /* 0 = no vote under those rules */
    int institution;         /* Commission or Parliament: weighted by the largest state */
} deu_actor;

static const deu_actor deu_actors[] = {
    {"com", "European Commission", 0, 0, 1}, {"ep", "European Parliament", 0, 0, 1},
    {"at", "Austria", 4, 10, 0},  {"be", "Belgium", 5, 12, 0},     {"bu", "Bulgaria", 0, 10, 0},
    {"cr", "Croatia", 0, 7, 0},   {"cy", "Cyprus", 0, 4, 0},       {"cz", "Czechia", 0, 12, 0},
    {"dk", "Denmark", 3, 7, 0},   {"ee", "Estonia", 0, 4, 0},      {"fi", "Finland", 3, 7, 0},
    {"fr", "France", 10, 29, 0},  {"de", "Germany", 10, 29, 0},    {"el", "Greece", 5, 12, 0},
    {"hu", "Hungary", 0, 12, 0},  {"ie", "Ireland", 3, 7, 0},      {"it", "Italy", 10, 29, 0},
    {"lv", "Latvia", 0, 4, 0},    {"lt", "Lithuania", 0, 7, 0},    {"lu", "Luxembourg", 2, 4, 0},
    {"mt", "Malta", 0, 3, 0},     {"nl", "Netherlands", 5, 13, 0}, {"pl", "Poland", 0, 27, 0},
    {"pt", "Portugal", 5, 12, 0}, {"ro", "Romania", 0, 14, 0},     {"si", "Slovenia", 0, 4, 0},
    {"sk", "Slovakia", 0, 7, 0},  {"es", "Spain", 8, 27, 0},       {"se", "Sweden", 4, 10, 0},
    {"uk", "United Kingdom", 10, 29, 0},
};
#define N_DEU_ACTORS (sizeof deu_actors / sizeof deu_actors[0])

const char *fc_deu_capabilities_name(fc_deu_capabilities c)
{
    return c == FC_DEU_EQUAL ? "equal" : "council-votes";
}

fc_status fc_deu_capabilities_parse(const char *name, fc_deu_capabilities *out, fc_error *err)
{
    if (strcmp(name, "council-votes") == 0)
        *out = FC_DEU_COUNCIL_VOTES;
    else if (strcmp(name, "equal") == 0)
        *out = FC_DEU_EQUAL;
    else
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "capabilities",
                            "unknown capability scheme '%s' (council-votes or equal)", name);
    return FC_OK;
}

const char *fc_deu_capabilities_note(fc_deu_capabilities c)
{
    if (c == FC_DEU_EQUAL)
        return "every actor has capability 1 (salience alone weighs)";
    return "Council QMV vote weights: Amsterdam (pre-Nice) weights for proposals dated up to 2000, "
           "Nice weights after; the Commission and the Parliament get the weight of the largest "
           "member state taking part in the issue";
}

double fc_deu_council_weight(const char *actor, int nice)
{
    for (size_t i = 0; i < N_DEU_ACTORS; i++)
        if (!deu_actors[i].institution && strcmp(deu_actors[i].code, actor) == 0)
            return nice ? deu_actors[i].nice : deu_actors[i].pre_nice;
    return 0;
}

const char *fc_deu_era_name(fc_deu_era e)
{
    static const char *const names[FC_DEU_N_ERAS] = {"<=2000", "2001-2010", ">2010"};
    return (unsigned)e < FC_DEU_N_ERAS ? names[e] : "?";
}

const char *fc_deu_rule_name(fc_deu_rule r)
{
    switch (r) {
    case FC_DEU_CONSULTATION: return "consultation";
    case FC_DEU_CODECISION: return "codecision";
    case FC_DEU_QMV: return "qmv";
    case FC_DEU_UNANIMITY: return "unanimity";
    case FC_DEU_UNKNOWN: break;
    }
    return NULL;
}

/* ---- Reading the table ---- */

enum { C_PRNR, C_ISNR, C_INTRO, C_RP, C_OUT, N_NAMED };
static const char *const named_cols[N_NAMED] = {"prnr", "isnr", "intro", "rp", "out"};

typedef struct field {
    const char *s;    /* unquoted text, NUL-terminated in the row copy */
    int column;       /* 1-based character column in the line */
} field;

typedef struct reader {
    const char *name;
    int line;
    char *row;        /* a writable copy of the current line */
    field *fields;
    size_t n_fields, cap_fields;
    fc_error *err;
} reader;

/* Splits the current line (in r->row) at tabs, removing the double quotes around text
 * fields (a doubled quote inside stands for one). */
static fc_status split_row(reader *r)
{
    r->n_fields = 0;
    char *p = r->row;
    char *line_start = r->row;
    for (;;) {
        if (r->n_fields == r->cap_fields) {
            size_t cap = r->cap_fields ? 2 * r->cap_fields : 128;
            field *f = realloc(r->fields, cap * sizeof *f);
            if (!f)
                return fc_error_nomem(r->err);
            r->fields = f;
            r->cap_fields = cap;
        }
        field *f = &r->fields[r->n_fields++];
        f->column = (int)(p - line_start) + 1;
        if (*p == '"') {
            char *w = p, *q = p + 1;
            f->s = w;
            for (;;) {
                if (*q == '\0')
                    return fc_error_set(r->err, FC_EINPUT, r->name, r->line, f->column, NULL,
                                        "a quoted field is not closed");
                if (*q == '"') {
                    if (q[1] == '"') {
                        *w++ = '"';
                        q += 2;
                        continue;
                    }
                    q++;
                    break;
                }
                *w++ = *q++;
            }
            if (*q != '\t' && *q != '\0')
                return fc_error_set(r->err, FC_EINPUT, r->name, r->line, (int)(q - line_start) + 1,
                                    NULL, "text after a closing quote");
            int end = *q == '\0';
            *w = '\0';
            p = q + 1;
            if (end)
                return FC_OK;
        } else {
            f->s = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                return FC_OK;
            *tab = '\0';
            p = tab + 1;
        }
    }
}

/* A cell that must be blank or a number in [0, 100]. Sets *v to NaN when blank. */
static fc_status read_score(reader *r, const field *f, const char *col, double *v)
{
    const char *s = f->s;
    while (isspace((unsigned char)*s))
        s++;
    if (*s == '\0') {
        *v = NAN;
        return FC_OK;
    }
    double x = 0;
    if (fc_number_parse(s, &x) != FC_NUMBER_OK)
        return fc_error_set(r->err, FC_EINPUT, r->name, r->line, f->column, col,
                            "'%s' is not a number", f->s);
    if (x < 0 || x > 100)
        return fc_error_set(r->err, FC_EINPUT, r->name, r->line, f->column, col,
                            "%g is outside the scale 0-100", x);
    *v = x;
    return FC_OK;
}

/* The year a two-digit (or four-digit) year field names; -1 when it names none. */
static int year_of(const char *s)
{
    char *end;
    long y = strtol(s, &end, 10);
    if (end == s || *end != '\0' || y < 0)
        return -1;
    if (end - s == 2)
        return (int)(y >= 50 ? 1900 + y : 2000 + y);
    if (end - s == 4 && y >= 1950 && y <= 2099)
        return (int)y;
    return -1;
}

/* The proposal's year: the last '-' field of its introduction date (this copy's dates are
 * partly garbled, but the year is kept there; 999 = missing), else the two digits after the
 * procedure letter of the proposal id. */
static int proposal_year(const char *intro, const char *prnr)
{
    const char *dash = strrchr(intro, '-');
    if (dash) {
        int y = year_of(dash + 1);
        if (y > 0)
            return y;
    }
    if (isalpha((unsigned char)prnr[0]) && isdigit((unsigned char)prnr[1]) &&
        isdigit((unsigned char)prnr[2])) {
        char two[3] = {prnr[1], prnr[2], '\0'};
        return year_of(two);
    }
    return -1;
}

static fc_deu_era era_of(int year)
{
    return year <= 2000 ? FC_DEU_ERA_TO_2000 : year <= 2010 ? FC_DEU_ERA_2001_2010 : FC_DEU_ERA_AFTER_2010;
}

void fc_deu_set_free(fc_deu_set *set)
{
    if (!set)
        return;
    for (size_t i = 0; i < set->n_issues; i++)
        fc_problem_free(&set->issues[i].problem);
    free(set->issues);
    free(set->origin);
    free(set);
}

typedef struct columns {
    int named[N_NAMED];
    int proc, counvte;   /* optional: the procedure and the Council's voting rule; -1 absent */
    int pos[N_DEU_ACTORS], sal[N_DEU_ACTORS];  /* -1 when the file has no such column */
    size_t width;
} columns;

static fc_status read_header(reader *r, columns *c)
{
    c->width = r->n_fields;
    for (size_t k = 0; k < N_NAMED; k++)
        c->named[k] = -1;
    for (size_t a = 0; a < N_DEU_ACTORS; a++)
        c->pos[a] = c->sal[a] = -1;
    c->proc = c->counvte = -1;
    for (size_t j = 0; j < r->n_fields; j++) {
        const char *h = r->fields[j].s;
        if (strcmp(h, "proc") == 0)
            c->proc = (int)j;
        if (strcmp(h, "counvte") == 0)
            c->counvte = (int)j;
        for (size_t k = 0; k < N_NAMED; k++)
            if (strcmp(h, named_cols[k]) == 0)
                c->named[k] = (int)j;
        for (size_t a = 0; a < N_DEU_ACTORS; a++)
            if ((h[0] == 'p' || h[0] == 's') && strcmp(h + 1, deu_actors[a].code) == 0)
                *(h[0] == 'p' ? &c->pos[a] : &c->sal[a]) = (int)j;
    }
    for (size_t k = 0; k < N_NAMED; k++)
        if (c->named[k] < 0)
            return fc_error_set(r->err, FC_EINPUT, r->name, r->line, 0, named_cols[k],
                                "the header has no column '%s'", named_cols[k]);
    size_t n_actor_cols = 0;
    for (size_t a = 0; a < N_DEU_ACTORS; a++) {
        if ((c->pos[a] < 0) != (c->sal[a] < 0)) {
            char col[8];
            snprintf(col, sizeof col, "%c%s", c->pos[a] < 0 ? 'p' : 's', deu_actors[a].code);
            return fc_error_set(r->err, FC_EINPUT, r->name, r->line, 0, col,
                                "the header has no column '%s' to go with '%c%s'", col,
                                c->pos[a] < 0 ? 's' : 'p', deu_actors[a].code);
        }
        n_actor_cols += c->pos[a] >= 0;
    }
    if (n_actor_cols < 3)
        return fc_error_set(r->err, FC_EINPUT, r->name, r->line, 0, NULL,
                            "the header names %zu actors' position and salience columns "
                            "(p<actor>, s<actor>); a DEU table has 30", n_actor_cols);
    return FC_OK;
}

/* Reads one data row (already split) into *is, or decides to skip it (*keep = 0). */
static fc_status read_row(reader *r, const columns *c, fc_deu_capabilities caps, fc_deu_set *set,
                          fc_deu_issue *is, int *keep)
{
    *keep = 0;
    if (r->n_fields != c->width)
        return fc_error_set(r->err, FC_EINPUT, r->name, r->line, 0, NULL,
                            "the row has %zu fields, the header %zu", r->n_fields, c->width);
    const field *prnr = &r->fields[c->named[C_PRNR]], *isnr = &r->fields[c->named[C_ISNR]];
    const field *intro = &r->fields[c->named[C_INTRO]];
    if (prnr->s[0] == '\0')
        return fc_error_set(r->err, FC_EINPUT, r->name, r->line, prnr->column, "prnr",
                            "the proposal id is blank");
    if (isnr->s[0] == '\0')
        return fc_error_set(r->err, FC_EINPUT, r->name, r->line, isnr->column, "isnr",
                            "the issue id is blank");
    /* An id cut to fit fc_deu_issue would merge proposals (and the bootstrap, which resamples
     * proposals, would go wrong unseen): refused instead. The DEU's ids have under ten characters. */
    if (strlen(prnr->s) >= sizeof set->issues[0].proposal)
        return fc_error_set(r->err, FC_EINPUT, r->name, r->line, prnr->column, "prnr",
                            "the proposal id has %zu characters; at most %zu are read", strlen(prnr->s),
                            sizeof set->issues[0].proposal - 1);
    if (strlen(isnr->s) >= sizeof set->issues[0].id)
        return fc_error_set(r->err, FC_EINPUT, r->name, r->line, isnr->column, "isnr",
                            "the issue id has %zu characters; at most %zu are read", strlen(isnr->s),
                            sizeof set->issues[0].id - 1);
    double rp, out;
    fc_status st;
    if ((st = read_score(r, &r->fields[c->named[C_RP]], "rp", &rp)) ||
        (st = read_score(r, &r->fields[c->named[C_OUT]], "out", &out)))
        return st;
    double pos[N_DEU_ACTORS], sal[N_DEU_ACTORS];
    for (size_t a = 0; a < N_DEU_ACTORS; a++) {
        pos[a] = sal[a] = NAN;
        if (c->pos[a] < 0)
            continue;
        char pcol[8], scol[8];
        snprintf(pcol, sizeof pcol, "p%s", deu_actors[a].code);
        snprintf(scol, sizeof scol, "s%s", deu_actors[a].code);
        if ((st = read_score(r, &r->fields[c->pos[a]], pcol, &pos[a])) ||
            (st = read_score(r, &r->fields[c->sal[a]], scol, &sal[a])))
            return st;
    }
    int year = proposal_year(intro->s, prnr->s);
    if (year < 0)
        return fc_error_set(r->err, FC_EINPUT, r->name, r->line, intro->column, "intro",
                            "no year in the date '%s' nor in the proposal id '%s'", intro->s, prnr->s);
    if (isnan(out)) {
        set->n_skipped_no_outcome++;
        return FC_OK;
    }
    int nice = year > 2000;
    /* Who takes part: both a position and a salience, and (with Council votes) a vote then. */
    size_t n = 0, no_vote = 0;
    double largest = 0;
    int take[N_DEU_ACTORS];
    for (size_t a = 0; a < N_DEU_ACTORS; a++) {
        take[a] = !isnan(pos[a]) && !isnan(sal[a]);
        if (take[a] && caps == FC_DEU_COUNCIL_VOTES && !deu_actors[a].institution) {
            double w = nice ? deu_actors[a].nice : deu_actors[a].pre_nice;
            if (w == 0) {
                take[a] = 0;
                no_vote++;
            } else if (w > largest) {
                largest = w;
            }
        }
        n += (size_t)take[a];
    }
    if (n < 3) {
        set->n_skipped_few_actors++;
        return FC_OK;
    }
    if (caps == FC_DEU_COUNCIL_VOTES && largest == 0) {
        /* Only the institutions take part: nothing to scale them by. */
        set->n_skipped_few_actors++;
        return FC_OK;
    }
    set->n_actors_without_vote += no_vote;
    memset(is, 0, sizeof *is);
    if ((st = fc_problem_init(&is->problem, n, 1, r->err)))
        return st;
    fc_problem *p = &is->problem;
    snprintf(is->proposal, sizeof is->proposal, "%s", prnr->s);
    snprintf(is->id, sizeof is->id, "%s", isnr->s);
    is->year = year;
    is->era = era_of(year);
    is->line = r->line;
    is->reference_point = rp;
    is->outcome = out;
    /* The procedure from `proc` (COD / CNS), else from the letter of the proposal id (d =
     * codecision, n = consultation); the voting rule from `counvte` (QMV / Unan). Anything
     * else is unknown (FC_DEU_UNKNOWN), and a model that needs it uses its own default. */
    const char *proc = c->proc >= 0 ? r->fields[c->proc].s : "";
    is->procedure = strcmp(proc, "COD") == 0   ? FC_DEU_CODECISION
                    : strcmp(proc, "CNS") == 0 ? FC_DEU_CONSULTATION
                    : proc[0]                  ? FC_DEU_UNKNOWN
                    : prnr->s[0] == 'd'        ? FC_DEU_CODECISION
                    : prnr->s[0] == 'n'        ? FC_DEU_CONSULTATION
                                               : FC_DEU_UNKNOWN;
    const char *vote = c->counvte >= 0 ? r->fields[c->counvte].s : "";
    is->voting_rule = strcmp(vote, "QMV") == 0    ? FC_DEU_QMV
                      : strcmp(vote, "Unan") == 0 ? FC_DEU_UNANIMITY
                                                  : FC_DEU_UNKNOWN;
    p->scale_min[0] = 0;
    p->scale_max[0] = 100;
    p->status_quo[0] = rp;
    char *dim = fc_strdup_or_null(isnr->s);
    if (!dim)
        goto nomem;
    free(p->dim_ids[0]);
    p->dim_ids[0] = dim;
    size_t k = 0;
    for (size_t a = 0; a < N_DEU_ACTORS; a++) {
        if (!take[a])
            continue;
        const deu_actor *da = &deu_actors[a];
        char *id = fc_strdup_or_null(da->code), *nm = fc_strdup_or_null(da->name);
        if (!id || !nm) {
            free(id);
            free(nm);
            goto nomem;
        }
        free(p->actor_ids[k]);
        free(p->actor_names[k]);
        p->actor_ids[k] = id;
        p->actor_names[k] = nm;
        if (caps == FC_DEU_EQUAL)
            p->capability[k] = 1;
        else if (da->institution)
            p->capability[k] = largest;
        else
            p->capability[k] = nice ? da->nice : da->pre_nice;
        p->position[k] = pos[a];
        p->salience[k] = sal[a] / 100;
        k++;
    }
    *keep = 1;
    return FC_OK;
nomem:
    fc_problem_free(p);
    return fc_error_nomem(r->err);
}

fc_status fc_deu_parse(const char *text, size_t len, const char *name, fc_deu_capabilities caps,
                       fc_deu_set **out, fc_error *err)
{
    *out = NULL;
    if (!name)
        name = "";
    size_t bad;
    if (!fc_utf8_valid(text, len, &bad))
        return fc_error_set(err, FC_EINPUT, name, 0, 0, NULL, "not UTF-8 text (byte %zu)", bad);
    fc_deu_set *set = calloc(1, sizeof *set);
    reader r = {.name = name, .err = err};
    if (!set || !(set->origin = fc_strdup_or_null(name))) {
        free(set);
        return fc_error_nomem(err);
    }
    set->capabilities = caps;
    columns cols;
    int have_header = 0;
    size_t cap_issues = 0;
    fc_status st = FC_OK;
    const char *p = text, *end = text + len;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        p += 3; /* a byte-order mark, as spreadsheet exports write */
    while (p < end && st == FC_OK) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
        r.line++;
        const char *line = p;
        p = nl ? nl + 1 : end;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (memchr(line, '\0', n)) {
            st = fc_error_set(err, FC_EINPUT, name, r.line, 0, NULL, "a NUL byte in the line");
            break;
        }
        size_t i = 0;
        while (i < n && (line[i] == ' ' || line[i] == '\t'))
            i++;
        if (i == n)
            continue; /* blank lines carry nothing */
        free(r.row);
        if (!(r.row = malloc(n + 1))) {
            st = fc_error_nomem(err);
            break;
        }
        memcpy(r.row, line, n);
        r.row[n] = '\0';
        if ((st = split_row(&r)))
            break;
        if (!have_header) {
            st = read_header(&r, &cols);
            have_header = 1;
            continue;
        }
        set->n_rows++;
        if (set->n_issues == cap_issues) {
            size_t cap = cap_issues ? 2 * cap_issues : 64;
            fc_deu_issue *g = realloc(set->issues, cap * sizeof *g);
            if (!g) {
                st = fc_error_nomem(err);
                break;
            }
            set->issues = g;
            cap_issues = cap;
        }
        int keep;
        st = read_row(&r, &cols, caps, set, &set->issues[set->n_issues], &keep);
        if (st == FC_OK && keep)
            set->n_issues++;
    }
    free(r.row);
    free(r.fields);
    if (st == FC_OK && !have_header)
        st = fc_error_set(err, FC_EINPUT, name, 0, 0, NULL, "empty file: no header row");
    if (st == FC_OK && set->n_issues == 0)
        st = fc_error_set(err, FC_EINPUT, name, 0, 0, NULL,
                          "no issue to score (%zu rows: %zu without an outcome, %zu with fewer "
                          "than 3 actors having a position and a salience)",
                          set->n_rows, set->n_skipped_no_outcome, set->n_skipped_few_actors);
    if (st) {
        fc_deu_set_free(set);
        return st;
    }
    for (size_t i = 0; i < set->n_issues; i++) {
        size_t j = 0;
        while (j < i && strcmp(set->issues[j].proposal, set->issues[i].proposal) != 0)
            j++;
        set->n_proposals += j == i;
    }
    *out = set;
    return FC_OK;
}

fc_status fc_deu_load(const char *path, fc_deu_capabilities caps, fc_deu_set **out, fc_error *err)
{
    *out = NULL;
    char *text;
    size_t len;
    fc_status st = fc_file_read(path, FC_MAX_INPUT_BYTES, &text, &len, err);
    if (st)
        return st;
    st = fc_deu_parse(text, len, path, caps, out, err);
    free(text);
    return st;
}
