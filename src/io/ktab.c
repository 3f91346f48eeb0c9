/* Readers of KTAB's spatial-model scenario files (specs/smp.md S2): the CSV table and the
 * XML document (libxml2). Both are checked as KTAB checks them and give a problem on the
 * 0..100 scale, KTAB's parameters for the run, and, on request, an fc_scenario. */
#include "fulcrum/ktab.h"

#include <ctype.h>
#include <stdio.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/xml_lib.h"

#include "fulcrum/util.h"
#include "util/strutil.h"

/* What a KTAB file holds. */
typedef struct ktab_data {
    char *title, *desc;
    fc_problem p;
    fc_ktab_settings s;
    double *sal100;      /* the saliences as written (0..100), for the scenario */
    char **descs;        /* the actors' descriptions (n_actors, NULL until one is read) */
    int has_problem;
} ktab_data;

static void data_free(ktab_data *k)
{
    free(k->title);
    free(k->desc);
    free(k->sal100);
    for (size_t i = 0; k->descs && i < k->p.n_actors; i++)
        free(k->descs[i]);
    free(k->descs);
    if (k->has_problem)
        fc_problem_free(&k->p);
    fc_ktab_settings_clear(&k->s);
    memset(k, 0, sizeof *k);
}

void fc_ktab_settings_clear(fc_ktab_settings *s)
{
    free(s->file);
    for (size_t i = 0; i < s->n_params; i++)
        free(s->params[i].value);
    free(s->ideal_adjustment);
    memset(s, 0, sizeof *s);
}

static int set_str(char **slot, const char *text)
{
    char *d = fc_strdup_or_null(text ? text : "");
    if (!d)
        return 0;
    free(*slot);
    *slot = d;
    return 1;
}

static int parse_real(const char *s, double *out)
{
    return fc_number_parse(s, out) == FC_NUMBER_OK;
}

/* S2.3: the checks shared by both formats, on a filled problem (values still 0..100 for
 * saliences: `sal100` holds them). `lines` gives each actor's line for messages. */
/* An actor is shown by its name, as KTAB shows it; its description (often the same for every
 * actor, "Random Spatial Actor") becomes the scenario actor's note. 0 when out of memory. */
static int set_actor(ktab_data *k, size_t i, const char *name, const char *desc)
{
    if (!k->descs && !(k->descs = calloc(k->p.n_actors ? k->p.n_actors : 1, sizeof *k->descs)))
        return 0;
    return set_str(&k->p.actor_ids[i], name) && set_str(&k->p.actor_names[i], name) &&
           (!desc || !desc[0] || set_str(&k->descs[i], desc));
}

static fc_status check_actors(const char *name, const fc_problem *p, const double *sal100,
                              const int *lines, int is_csv, fc_error *err)
{
    size_t n = p->n_actors, D = p->n_dims;
    for (size_t i = 0; i < n; i++) {
        int line = lines[i];
        const char *id = p->actor_ids[i];
        double c = p->capability[i];
        if (is_csv ? !(c >= 0.0 && c <= 1e8) : !(c > 0.0))
            return fc_error_set(err, FC_EINPUT, name, line, 0, "capability",
                                "actor '%s': capability %g must be %s", id, c,
                                is_csv ? "in [0, 1e8]" : "> 0");
        if (!(c > 0.0))
            return fc_error_set(err, FC_EINPUT, name, line, 0, "capability",
                                "actor '%s': capability 0 is a non-positive voting weight (KTAB "
                                "fails on it when it runs)", id);
        double sum = 0.0;
        for (size_t d = 0; d < D; d++) {
            double x = p->position[i * D + d], s = sal100[i * D + d];
            if (!(x >= 0.0 && x <= 100.0))
                return fc_error_set(err, FC_EINPUT, name, line, 0, "position",
                                    "actor '%s': position %g on dimension '%s' is outside "
                                    "[0, 100]", id, x, p->dim_ids[d]);
            if (!(s >= 0.0 && s <= 100.0))
                return fc_error_set(err, FC_EINPUT, name, line, 0, "salience",
                                    "actor '%s': salience %g on dimension '%s' is outside "
                                    "[0, 100]", id, s, p->dim_ids[d]);
            sum += s;
        }
        if (sum > 100.0)
            return fc_error_set(err, FC_EINPUT, name, line, 0, "salience",
                                "actor '%s': the saliences sum to %g, more than 100", id, sum);
        if (!(sum > 0.0))
            return fc_error_set(err, FC_EINPUT, name, line, 0, "salience",
                                "actor '%s': the saliences sum to 0", id);
    }
    return FC_OK;
}

static fc_status alloc_problem(ktab_data *k, size_t n, size_t D, double **sal100, int **lines,
                               fc_error *err)
{
    fc_status st = fc_problem_init(&k->p, n, D, err);
    if (st)
        return st;
    k->has_problem = 1;
    for (size_t d = 0; d < D; d++) {
        k->p.scale_min[d] = 0.0;
        k->p.scale_max[d] = 100.0;
    }
    *sal100 = calloc(n * D, sizeof **sal100);
    *lines = calloc(n, sizeof **lines);
    if (!*sal100 || !*lines)
        return fc_error_nomem(err);
    return FC_OK;
}

static void finish_saliences(ktab_data *k, const double *sal100)
{
    /* One division, as KTAB does after validation. */
    for (size_t c = 0; c < k->p.n_actors * k->p.n_dims; c++)
        k->p.salience[c] = sal100[c] / 100.0;
}

/* ---- CSV ---------------------------------------------------------------------------- */

/* Splits one line into fields: commas separate, spaces around a field are trimmed and
 * double quotes removed. Returns the number of fields (at most max). */
static size_t split_line(char *line, char **fields, size_t max)
{
    size_t nf = 0;
    char *s = line;
    for (;;) {
        char *comma = strchr(s, ',');
        if (comma)
            *comma = '\0';
        /* remove quotes in place */
        char *w = s;
        for (char *r = s; *r; r++)
            if (*r != '"')
                *w++ = *r;
        *w = '\0';
        while (isspace((unsigned char)*s))
            s++;
        size_t len = strlen(s);
        while (len && isspace((unsigned char)s[len - 1]))
            s[--len] = '\0';
        if (nf < max)
            fields[nf++] = s;
        if (!comma)
            break;
        s = comma + 1;
    }
    return nf;
}

static fc_status parse_csv(char *text, const char *name, ktab_data *k, fc_error *err)
{
    enum { MAXF = 4096 };
    char **f = malloc(MAXF * sizeof *f);
    double *sal100 = NULL;
    int *lines = NULL;
    if (!f)
        return fc_error_nomem(err);
    fc_status st = FC_OK;
    int line = 0, stage = 0, last = 0;
    size_t n = 0, D = 0, row = 0;
    char *cursor = text;
    while (cursor && st == FC_OK) {
        char *nl = strchr(cursor, '\n');
        if (nl)
            *nl = '\0';
        char *ln = cursor;
        cursor = nl ? nl + 1 : NULL;
        line++;
        size_t len = strlen(ln);
        if (len && ln[len - 1] == '\r')
            ln[--len] = '\0';
        if (line == 1 && (unsigned char)ln[0] == 0xEF && (unsigned char)ln[1] == 0xBB &&
            (unsigned char)ln[2] == 0xBF)
            ln += 3;
        size_t blank = 1;
        for (char *c = ln; *c; c++)
            if (!isspace((unsigned char)*c) && *c != ',')
                blank = 0;
        if (blank)
            continue;
        last = line;
        size_t nf = split_line(ln, f, MAXF);
        if (stage == 0) {
            double dn, dd;
            if (nf < 4)
                st = fc_error_set(err, FC_EINPUT, name, line, 0, "header",
                                  "the first line must be 'name, description, actors, "
                                  "dimensions'");
            else if (!parse_real(f[2], &dn) || dn != floor(dn))
                st = fc_error_set(err, FC_EINPUT, name, line, 0, "actors",
                                  "'%s' is not a number of actors", f[2]);
            else if (!parse_real(f[3], &dd) || dd != floor(dd))
                st = fc_error_set(err, FC_EINPUT, name, line, 0, "dimensions",
                                  "'%s' is not a number of dimensions", f[3]);
            else if (dn < 3 || dn > 250)
                st = fc_error_set(err, FC_EINPUT, name, line, 0, "actors",
                                  "%g actors: KTAB needs 3 to 250", dn);
            else if (dd < 1 || dd > 1000)
                st = fc_error_set(err, FC_EINPUT, name, line, 0, "dimensions",
                                  "%g dimensions: there must be at least 1", dd);
            else {
                n = (size_t)dn;
                D = (size_t)dd;
                if (!set_str(&k->title, f[0]) || !set_str(&k->desc, f[1]))
                    st = fc_error_nomem(err);
                else
                    st = alloc_problem(k, n, D, &sal100, &lines, err);
            }
            stage = 1;
        } else if (stage == 1) {
            /* The header names the dimensions in columns 3, 5, 7, ... */
            for (size_t d = 0; d < D && st == FC_OK; d++) {
                char fallback[32];
                snprintf(fallback, sizeof fallback, "dim%zu", d + 1);
                const char *dn = 3 + 2 * d < nf && f[3 + 2 * d][0] ? f[3 + 2 * d] : fallback;
                if (!set_str(&k->p.dim_ids[d], dn))
                    st = fc_error_nomem(err);
            }
            stage = 2;
        } else if (row < n) {
            if (nf < 3 + 2 * D) {
                st = fc_error_set(err, FC_EINPUT, name, line, 0, "actor",
                                  "%zu fields; an actor row needs name, description, "
                                  "capability and a position and salience for each of the %zu "
                                  "dimensions", nf, D);
                break;
            }
            size_t len0 = strlen(f[0]);
            if (len0 < 1 || len0 > 25) {
                st = fc_error_set(err, FC_EINPUT, name, line, 1, "name",
                                  "actor name '%s' must have 1 to 25 characters", f[0]);
                break;
            }
            if (!set_actor(k, row, f[0], f[1])) {
                st = fc_error_nomem(err);
                break;
            }
            lines[row] = line;
            if (!parse_real(f[2], &k->p.capability[row])) {
                st = fc_error_set(err, FC_EINPUT, name, line, 0, "capability",
                                  "'%s' is not a number", f[2]);
                break;
            }
            for (size_t d = 0; d < D && st == FC_OK; d++) {
                if (!parse_real(f[3 + 2 * d], &k->p.position[row * D + d]))
                    st = fc_error_set(err, FC_EINPUT, name, line, 0, "position",
                                      "'%s' is not a number", f[3 + 2 * d]);
                else if (!parse_real(f[4 + 2 * d], &sal100[row * D + d]))
                    st = fc_error_set(err, FC_EINPUT, name, line, 0, "salience",
                                      "'%s' is not a number", f[4 + 2 * d]);
            }
            row++;
        } else {
            /* An error, not a warning: a row past the count is most often an actor added without
             * raising the count, and dropping it would change the forecast unseen. */
            st = fc_error_set(err, FC_EINPUT, name, line, 0, "actors",
                              "the first line announces %zu actors but more rows follow", n);
            break;
        }
    }
    if (st == FC_OK && stage < 2)
        st = fc_error_set(err, FC_EINPUT, name, last, 0, "header",
                          "a KTAB CSV file starts with 'name, description, actors, dimensions' "
                          "and a header line");
    else if (st == FC_OK && row < n)
        st = fc_error_set(err, FC_EINPUT, name, last, 0, "actors",
                          "the first line announces %zu actors but only %zu rows follow", n, row);
    if (st == FC_OK)
        st = check_actors(name, &k->p, sal100, lines, 1, err);
    if (st == FC_OK) {
        finish_saliences(k, sal100);
        k->sal100 = sal100;
        sal100 = NULL;
    }
    free(f);
    free(sal100);
    free(lines);
    return st;
}

/* ---- XML ---------------------------------------------------------------------------- */

static int is_elem(const xmlNode *n, const char *tag)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, tag) == 0;
}

static xmlNode *child(const xmlNode *parent, const char *tag)
{
    for (xmlNode *c = parent->children; c; c = c->next)
        if (is_elem(c, tag))
            return c;
    return NULL;
}

static size_t count_children(const xmlNode *parent, const char *tag)
{
    size_t n = 0;
    for (xmlNode *c = parent->children; c; c = c->next)
        n += is_elem(c, tag);
    return n;
}

/* The trimmed text of an element (caller frees). */
static char *text_of(const xmlNode *n)
{
    xmlChar *t = xmlNodeGetContent(n);
    if (!t)
        return fc_strdup_or_null("");
    char *s = (char *)t;
    while (isspace((unsigned char)*s))
        s++;
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    char *out = malloc(len + 1);
    if (out) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    xmlFree(t);
    return out;
}

static fc_status missing(const char *name, const xmlNode *parent, const char *tag,
                         fc_error *err)
{
    return fc_error_set(err, FC_EINPUT, name, (int)xmlGetLineNo(parent), 0, tag,
                        "Following Element is missing: <%s> in <%s>", tag,
                        (const char *)parent->name);
}

static fc_status real_child(const char *name, const xmlNode *node, const char *field,
                            double *out, fc_error *err)
{
    char *t = text_of(node);
    if (!t)
        return fc_error_nomem(err);
    int ok = parse_real(t, out);
    fc_status st = ok ? FC_OK
                      : fc_error_set(err, FC_EINPUT, name, (int)xmlGetLineNo(node), 0, field,
                                     "'%s' is not a number", t);
    free(t);
    return st;
}

/* Every parameter must be present (KTAB's reader stops otherwise); their values are the
 * model's business and are read when the run starts (fc_run_ktab_options). */
static fc_status xml_params(const char *name, const xmlNode *mp, fc_ktab_settings *s,
                            fc_error *err)
{
    static const char *const keys[FC_KTAB_MAX_PARAMS] = {
        "VictoryProbModel", "PCEModel", "StateTransitions", "VotingRule", "BigRAdjust",
        "BigRRange", "ThirdPartyCommit", "InterVecBrgn", "BargnModel"};
    for (size_t k = 0; k < FC_KTAB_MAX_PARAMS; k++) {
        xmlNode *c = child(mp, keys[k]);
        if (!c)
            return missing(name, mp, keys[k], err);
        char *t = text_of(c);
        if (!t)
            return fc_error_nomem(err);
        s->params[s->n_params++] = (fc_ktab_param){keys[k], t, (int)xmlGetLineNo(c)};
    }
    return FC_OK;
}

/* libxml2 wants its one-time set-up done before threads parse at once. */
static pthread_once_t xml_once = PTHREAD_ONCE_INIT;
static void xml_init(void)
{
    xmlInitParser();
}

static fc_status parse_xml(const char *text, size_t len, const char *name, ktab_data *k,
                           fc_error *err)
{
    fc_status loaded = io_xml_load(err);
    if (loaded)
        return loaded;
    pthread_once(&xml_once, xml_init);
    if (len > (size_t)INT_MAX)
        return fc_error_set(err, FC_EINPUT, name, 0, 0, NULL, "file too large");
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt)
        return fc_error_nomem(err);
    xmlDocPtr doc = xmlCtxtReadMemory(ctxt, text, (int)len, name, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                          XML_PARSE_BIG_LINES);
    double *sal100 = NULL;
    int *lines = NULL;
    double *acc = NULL;
    fc_status st = FC_OK;
    if (!doc) {
        xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
        char msg[256] = "not well-formed XML";
        if (e && e->message) {
            snprintf(msg, sizeof msg, "%s", e->message);
            size_t ml = strlen(msg);
            while (ml && (msg[ml - 1] == '\n' || msg[ml - 1] == ' '))
                msg[--ml] = '\0';
        }
        st = fc_error_set(err, FC_EINPUT, name, e ? e->line : 0, e ? e->int2 : 0, NULL, "%s",
                          msg);
        xmlFreeParserCtxt(ctxt);
        return st;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root || !is_elem(root, "Scenario")) {
        st = fc_error_set(err, FC_EINPUT, name, root ? (int)xmlGetLineNo(root) : 1, 0, "Scenario",
                          "the root element of a KTAB file must be <Scenario>");
        goto done;
    }
    xmlNode *c;
    if ((c = child(root, "name"))) {
        char *t = text_of(c);
        if (!t || !set_str(&k->title, t))
            st = fc_error_nomem(err);
        free(t);
    }
    if (st == FC_OK && (c = child(root, "desc"))) {
        char *t = text_of(c);
        if (!t || !set_str(&k->desc, t))
            st = fc_error_nomem(err);
        free(t);
    }
    if (st)
        goto done;
    if (!(c = child(root, "prngSeed"))) {
        st = missing(name, root, "prngSeed", err);
        goto done;
    } else {
        char *t = text_of(c);
        if (!t) {
            st = fc_error_nomem(err);
            goto done;
        }
        char *end;
        errno = 0;
        unsigned long long v = strtoull(t, &end, 10);
        if (!t[0] || *end || errno || t[0] == '-')
            st = fc_error_set(err, FC_EINPUT, name, (int)xmlGetLineNo(c), 0, "prngSeed",
                              "'%s' is not an unsigned 64-bit integer", t);
        else {
            k->s.seed = (uint64_t)v;
            k->s.has_seed = 1;
        }
        free(t);
        if (st)
            goto done;
    }
    if ((c = child(root, "ModelParameters")) && (st = xml_params(name, c, &k->s, err)))
        goto done;
    xmlNode *dims = child(root, "Dimensions"), *actors = child(root, "Actors");
    if (!dims) {
        st = missing(name, root, "Dimensions", err);
        goto done;
    }
    if (!actors) {
        st = missing(name, root, "Actors", err);
        goto done;
    }
    size_t D = count_children(dims, "dName"), n = count_children(actors, "Actor");
    if (D < 1) {
        st = missing(name, dims, "dName", err);
        goto done;
    }
    if (n < 3 || n > 250) {
        st = fc_error_set(err, FC_EINPUT, name, (int)xmlGetLineNo(actors), 0, "Actors",
                          "%zu actors: KTAB needs 3 to 250", n);
        goto done;
    }
    if ((st = alloc_problem(k, n, D, &sal100, &lines, err)))
        goto done;
    size_t d = 0;
    for (xmlNode *dn = dims->children; dn; dn = dn->next) {
        if (!is_elem(dn, "dName"))
            continue;
        char *t = text_of(dn);
        if (!t || !set_str(&k->p.dim_ids[d++], t))
            st = fc_error_nomem(err);
        free(t);
        if (st)
            goto done;
    }
    size_t i = 0;
    for (xmlNode *a = actors->children; a; a = a->next) {
        if (!is_elem(a, "Actor"))
            continue;
        lines[i] = (int)xmlGetLineNo(a);
        static const char *const need[] = {"name", "description", "capability", "Position",
                                           "Salience"};
        for (size_t q = 0; q < 5; q++)
            if (!child(a, need[q])) {
                st = missing(name, a, need[q], err);
                goto done;
            }
        char *nm = text_of(child(a, "name")), *ds = text_of(child(a, "description"));
        int ok = nm && ds && set_actor(k, i, nm, ds);
        int empty = nm && !nm[0];
        free(nm);
        free(ds);
        if (!ok) {
            st = fc_error_nomem(err);
            goto done;
        }
        if (empty) {
            st = fc_error_set(err, FC_EINPUT, name, lines[i], 0, "name", "an actor has no name");
            goto done;
        }
        if ((st = real_child(name, child(a, "capability"), "capability", &k->p.capability[i], err)))
            goto done;
        xmlNode *pos = child(a, "Position"), *sal = child(a, "Salience");
        if (count_children(pos, "dCoord") != D || count_children(sal, "dSal") != D) {
            st = fc_error_set(err, FC_EINPUT, name, (int)xmlGetLineNo(pos), 0, "Position",
                              "actor '%s' needs %zu <dCoord> and %zu <dSal> values (one per "
                              "dimension)", k->p.actor_ids[i], D, D);
            goto done;
        }
        d = 0;
        for (xmlNode *x = pos->children; x; x = x->next)
            if (is_elem(x, "dCoord") &&
                (st = real_child(name, x, "dCoord", &k->p.position[i * D + d++], err)))
                goto done;
        d = 0;
        for (xmlNode *x = sal->children; x; x = x->next)
            if (is_elem(x, "dSal") && (st = real_child(name, x, "dSal", &sal100[i * D + d++], err)))
                goto done;
        i++;
    }
    if ((st = check_actors(name, &k->p, sal100, lines, 0, err)))
        goto done;
    finish_saliences(k, sal100);

    /* Ideal adjustments: required by KTAB's schema, at least one pair. */
    xmlNode *ia = child(root, "IdealAdjustment");
    if (!ia) {
        st = missing(name, root, "IdealAdjustment", err);
        goto done;
    }
    if (count_children(ia, "iaPair") < 1) {
        st = missing(name, ia, "iaPair", err);
        goto done;
    }
    acc = calloc(n * n, sizeof *acc);
    if (!acc) {
        st = fc_error_nomem(err);
        goto done;
    }
    for (size_t r = 0; r < n; r++)
        acc[r * n + r] = 1.0;
    for (xmlNode *pr = ia->children; pr; pr = pr->next) {
        if (!is_elem(pr, "iaPair"))
            continue;
        static const char *const need[] = {"adjustingIdeal", "referencePos", "adjust"};
        for (size_t q = 0; q < 3; q++)
            if (!child(pr, need[q])) {
                st = missing(name, pr, need[q], err);
                goto done;
            }
        long idx[2];
        for (int q = 0; q < 2; q++) {
            xmlNode *nn = child(pr, need[q]);
            char *t = text_of(nn);
            if (!t) {
                st = fc_error_nomem(err);
                goto done;
            }
            idx[q] = -1;
            for (size_t a = 0; a < n; a++)
                if (strcmp(k->p.actor_ids[a], t) == 0) {
                    idx[q] = (long)a;
                    break;
                }
            if (idx[q] < 0)
                st = fc_error_set(err, FC_EINPUT, name, (int)xmlGetLineNo(nn), 0, need[q],
                                  "no actor is named '%s'", t);
            free(t);
            if (st)
                goto done;
        }
        double v;
        if ((st = real_child(name, child(pr, "adjust"), "adjust", &v, err)))
            goto done;
        acc[(size_t)idx[0] * n + (size_t)idx[1]] = v;
        lines[idx[0]] = (int)xmlGetLineNo(pr);
    }
    for (size_t r = 0; r < n; r++) {
        double sum = 0.0;
        for (size_t q = 0; q < n; q++) {
            double v = acc[r * n + q];
            if (!(v >= 0.0 && v <= 1.0)) {
                st = fc_error_set(err, FC_EINPUT, name, lines[r], 0, "adjust",
                                  "actor '%s': ideal adjustment %g toward '%s' is outside [0, 1]",
                                  k->p.actor_ids[r], v, k->p.actor_ids[q]);
                goto done;
            }
            sum += v;
        }
        if (sum > 1.0 + 1e-10) {
            st = fc_error_set(err, FC_EINPUT, name, lines[r], 0, "adjust",
                              "actor '%s': the ideal adjustments sum to %g, more than 1",
                              k->p.actor_ids[r], sum);
            goto done;
        }
    }
    k->s.ideal_adjustment = acc;
    k->s.n_actors = n;
    acc = NULL;
    k->sal100 = sal100;
    sal100 = NULL;
done:
    free(acc);
    free(sal100);
    free(lines);
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return st;
}

/* ---- entry points ------------------------------------------------------------------- */

fc_ktab_format fc_ktab_sniff(const char *text, size_t len)
{
    size_t i = 0;
    if (len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
        (unsigned char)text[2] == 0xBF)
        i = 3;
    while (i < len && isspace((unsigned char)text[i]))
        i++;
    if (i < len && text[i] == '<') {
        /* The first element that is not a declaration, comment or doctype. */
        size_t j = i;
        while (j < len) {
            const char *lt = memchr(text + j, '<', len - j);
            if (!lt)
                break;
            j = (size_t)(lt - text) + 1;
            if (j < len && (text[j] == '?' || text[j] == '!'))
                continue;
            return len - j >= 8 && strncmp(text + j, "Scenario", 8) == 0 &&
                           (len - j == 8 || !isalnum((unsigned char)text[j + 8]))
                       ? FC_KTAB_XML
                       : FC_KTAB_NONE;
        }
        return FC_KTAB_NONE;
    }
    /* CSV: the third and fourth fields of the first line are whole numbers. A first line that
     * is a YAML comment ("# Sources: a, b, 2, 3") is not one. */
    if (i < len && text[i] == '#')
        return FC_KTAB_NONE;
    size_t end = i;
    while (end < len && text[end] != '\n')
        end++;
    char line[1024];
    size_t l = end - i < sizeof line - 1 ? end - i : sizeof line - 1;
    memcpy(line, text + i, l);
    line[l] = '\0';
    char *f[8];
    size_t nf = split_line(line, f, 8);
    double a, b;
    if (nf >= 4 && parse_real(f[2], &a) && parse_real(f[3], &b) && a == floor(a) &&
        b == floor(b) && a >= 0 && b >= 0)
        return FC_KTAB_CSV;
    return FC_KTAB_NONE;
}

static fc_status parse_any(const char *text, size_t len, const char *name, ktab_data *k,
                           fc_error *err)
{
    memset(k, 0, sizeof *k);
    if (!set_str(&k->s.file, name))
        return fc_error_nomem(err);
    fc_ktab_format fmt = fc_ktab_sniff(text, len);
    fc_status st;
    if (fmt == FC_KTAB_XML) {
        st = parse_xml(text, len, name, k, err);
    } else if (fmt == FC_KTAB_CSV) {
        /* Names and descriptions go on into scenarios, YAML and JSON, which are UTF-8: a CSV in
         * another encoding is refused here, at its first bad byte (an XML file declares its
         * encoding and libxml2 hands over UTF-8). */
        size_t bad;
        if (!fc_utf8_valid(text, len, &bad)) {
            int line = 1, col = 1;
            for (size_t i = 0; i < bad; i++) {
                if (text[i] == '\n')
                    line++, col = 1;
                else
                    col++;
            }
            st = fc_error_set(err, FC_EINPUT, name, line, col, NULL,
                              "not UTF-8 text (byte 0x%02x at offset %zu); save the table as UTF-8",
                              (unsigned char)text[bad], bad);
            data_free(k);
            return st;
        }
        char *copy = malloc(len + 1);
        if (!copy)
            return fc_error_nomem(err);
        memcpy(copy, text, len);
        copy[len] = '\0';
        st = parse_csv(copy, name, k, err);
        free(copy);
    } else {
        st = fc_error_set(err, FC_EINPUT, name, 1, 0, NULL,
                          "not a KTAB scenario (an XML <Scenario> document, or a CSV whose first "
                          "line is 'name, description, actors, dimensions')");
    }
    if (st == FC_OK && !k->title && !set_str(&k->title, ""))
        st = fc_error_nomem(err);
    if (st == FC_OK && !k->desc && !set_str(&k->desc, ""))
        st = fc_error_nomem(err);
    if (st)
        data_free(k);
    return st;
}

fc_status fc_ktab_parse(const char *text, size_t len, const char *name, fc_problem *p,
                        fc_ktab_settings *settings, fc_error *err)
{
    ktab_data k;
    fc_status st = parse_any(text, len, name, &k, err);
    if (st)
        return st;
    if (p) {
        *p = k.p;
        k.has_problem = 0;
    }
    if (settings) {
        *settings = k.s;
        memset(&k.s, 0, sizeof k.s);
    }
    data_free(&k);
    return FC_OK;
}

fc_status fc_ktab_load(const char *path, fc_problem *p, fc_ktab_settings *settings,
                       fc_error *err)
{
    char *text;
    size_t len;
    fc_status st = fc_file_read(path, FC_MAX_INPUT_BYTES, &text, &len, err);
    if (st)
        return st;
    st = fc_ktab_parse(text, len, path, p, settings, err);
    free(text);
    return st;
}

static fc_scenario *to_scenario(const ktab_data *k, const char *origin)
{
    const fc_problem *p = &k->p;
    fc_scenario *sc = fc_scenario_new();
    if (!sc)
        return NULL;
    sc->salience_max = 100.0;
    sc->title = fc_strdup_or_null(k->title[0] ? k->title : origin);
    sc->description = fc_strdup_or_null(k->desc);
    sc->origin = fc_strdup_or_null(origin);
    sc->issues = calloc(p->n_dims, sizeof *sc->issues);
    sc->actors = calloc(p->n_actors, sizeof *sc->actors);
    if (!sc->title || !sc->description || !sc->origin || !sc->issues || !sc->actors)
        goto fail;
    sc->n_issues = p->n_dims;
    for (size_t d = 0; d < p->n_dims; d++) {
        fc_issue *is = &sc->issues[d];
        is->id = fc_strdup_or_null(p->dim_ids[d]);
        is->label = fc_strdup_or_null(p->dim_ids[d]);
        is->scale_min = 0.0;
        is->scale_max = 100.0;
        if (!is->id || !is->label)
            goto fail;
    }
    sc->n_actors = p->n_actors;
    for (size_t i = 0; i < p->n_actors; i++) {
        fc_actor *a = &sc->actors[i];
        a->id = fc_strdup_or_null(p->actor_ids[i]);
        a->name = fc_strdup_or_null(p->actor_names[i]);
        if (k->descs && k->descs[i] && !(a->note = fc_strdup_or_null(k->descs[i])))
            goto fail;
        a->kind = FC_ACTOR_FACTION;
        a->capability.value = p->capability[i];
        a->stances = calloc(p->n_dims, sizeof *a->stances);
        if (!a->id || !a->name || !a->stances)
            goto fail;
        for (size_t d = 0; d < p->n_dims; d++) {
            a->stances[d].present = true;
            a->stances[d].position.value = p->position[i * p->n_dims + d];
            /* As written (0..100): the problem builder divides by 100 as KTAB does. */
            a->stances[d].salience.value = k->sal100[i * p->n_dims + d];
        }
    }
    return sc;
fail:
    fc_scenario_free(sc);
    return NULL;
}

fc_status fc_ktab_parse_scenario(const char *text, size_t len, const char *name,
                                 fc_scenario **out, fc_error *err)
{
    *out = NULL;
    ktab_data k;
    fc_status st = parse_any(text, len, name, &k, err);
    if (st)
        return st;
    fc_scenario *sc = to_scenario(&k, name);
    data_free(&k);
    if (!sc)
        return fc_error_nomem(err);
    *out = sc;
    return FC_OK;
}

fc_status fc_ktab_load_scenario(const char *path, fc_scenario **out, fc_error *err)
{
    char *text;
    size_t len;
    fc_status st = fc_file_read(path, FC_MAX_INPUT_BYTES, &text, &len, err);
    if (st)
        return st;
    st = fc_ktab_parse_scenario(text, len, path, out, err);
    free(text);
    return st;
}

fc_ktab_format fc_ktab_sniff_file(const char *path)
{
    /* The whole file, as the readers see it: a prolog of comments longer than a first block
     * (4 KB once) hid <Scenario> and the file ran as a plain scenario, parameters lost. */
    char *text = NULL;
    size_t len = 0;
    fc_error err;
    if (fc_file_read(path, FC_MAX_INPUT_BYTES, &text, &len, &err))
        return FC_KTAB_NONE;
    fc_ktab_format fmt = fc_ktab_sniff(text, len);
    free(text);
    return fmt;
}
