/* The outcome block of a case whose result is known: releasing, copying and checking it.
 * The rules keep a track record honest: the decision comes on or after the scenario's date,
 * it is one of the compared choices, and every pressure names a known actor and a source. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/scenario_internal.h"
#include "util/strutil.h"

void scenario_outcome_free(fc_outcome *o)
{
    free(o->date);
    free(o->choice);
    free(o->decision);
    free(o->source);
    for (size_t i = 0; i < o->n_positions; i++) {
        free(o->positions[i].issue);
        free(o->positions[i].position.source);
    }
    free(o->positions);
    for (size_t i = 0; i < o->n_backlash; i++) {
        fc_backlash *b = &o->backlash[i];
        free(b->by);
        free(b->how);
        free(b->when);
        free(b->source);
    }
    free(o->backlash);
    memset(o, 0, sizeof *o);
}

static int dup_str(char **dst, const char *src)
{
    *dst = fc_strdup_or_null(src);
    return !src || *dst;
}

int scenario_outcome_copy(fc_outcome *dst, const fc_outcome *src)
{
    memset(dst, 0, sizeof *dst);
    dst->present = src->present;
    dst->line = src->line;
    if (!dup_str(&dst->date, src->date) || !dup_str(&dst->choice, src->choice) ||
        !dup_str(&dst->decision, src->decision) || !dup_str(&dst->source, src->source))
        return 0;
    if (src->n_positions) {
        dst->positions = calloc(src->n_positions, sizeof *dst->positions);
        if (!dst->positions)
            return 0;
        for (size_t i = 0; i < src->n_positions; i++) {
            fc_outcome_position *d = &dst->positions[dst->n_positions++];
            d->position = src->positions[i].position;
            d->position.source = NULL;
            if (!dup_str(&d->issue, src->positions[i].issue) ||
                !dup_str(&d->position.source, src->positions[i].position.source))
                return 0;
        }
    }
    if (src->n_backlash) {
        dst->backlash = calloc(src->n_backlash, sizeof *dst->backlash);
        if (!dst->backlash)
            return 0;
        for (size_t i = 0; i < src->n_backlash; i++) {
            const fc_backlash *s = &src->backlash[i];
            fc_backlash *d = &dst->backlash[dst->n_backlash++];
            d->line = s->line;
            if (!dup_str(&d->by, s->by) || !dup_str(&d->how, s->how) || !dup_str(&d->when, s->when) ||
                !dup_str(&d->source, s->source))
                return 0;
        }
    }
    return 1;
}

/* Length of the ISO-style date prefix ("2014", "2014-06", "2014-06-27") at the start of s;
 * 0 when s does not start with a four-digit year. */
static size_t iso_prefix(const char *s)
{
    if (!s)
        return 0;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    size_t n = 4;
    for (int part = 0; part < 2; part++) {
        if (s[n] != '-' || !isdigit((unsigned char)s[n + 1]) || !isdigit((unsigned char)s[n + 2]))
            break;
        n += 3;
    }
    return n;
}

static int text_ok(const char *s)
{
    return s && s[0];
}

static fc_status bad(const fc_scenario *sc, int line, const char *field, const char *msg, fc_error *err)
{
    return fc_error_set(err, FC_EINPUT, sc->origin ? sc->origin : "", line, 0, field, "%s", msg);
}

fc_status scenario_outcome_validate(const fc_scenario *sc, fc_error *err)
{
    const fc_outcome *o = &sc->outcome;
    if (!o->present)
        return FC_OK;
    const char *origin = sc->origin ? sc->origin : "";
    if (!text_ok(o->date))
        return bad(sc, o->line, "outcome.date", "when the decision was taken is required", err);
    if (!text_ok(o->decision))
        return bad(sc, o->line, "outcome.decision", "what was decided is required", err);
    if (!text_ok(o->source))
        return bad(sc, o->line, "outcome.source", "an outcome needs its source", err);
    /* A case is built from what was known before the decision: its date may not come after
     * the decision's. Compared on the shorter of the two ISO prefixes ("2014" vs "2014-06-27"). */
    size_t a = iso_prefix(sc->date), b = iso_prefix(o->date);
    if (a && b && strncmp(o->date, sc->date, a < b ? a : b) < 0)
        return fc_error_set(err, FC_EINPUT, origin, o->line, 0, "outcome.date",
                            "the decision (%s) comes before the scenario's date (%s): a case must "
                            "be dated before its decision", o->date, sc->date);
    if (!text_ok(o->choice))
        return bad(sc, o->line, "outcome.choice", "the choice the decision corresponds to is required", err);
    if (strcmp(o->choice, "status-quo") != 0 && fc_scenario_choice_index(sc, o->choice) < 0)
        return fc_error_set(err, FC_EINPUT, origin, o->line, 0, "outcome.choice",
                            "unknown choice '%s' (give one of the scenario's choices or status-quo)",
                            o->choice);
    char field[200];
    for (size_t i = 0; i < o->n_positions; i++) {
        const fc_outcome_position *p = &o->positions[i];
        snprintf(field, sizeof field, "outcome.positions.%s", p->issue ? p->issue : "");
        long ix = p->issue ? fc_scenario_issue_index(sc, p->issue) : -1;
        if (ix < 0)
            return fc_error_set(err, FC_EINPUT, origin, p->position.line, 0, field, "unknown issue '%s'",
                                p->issue ? p->issue : "");
        const fc_issue *is = &sc->issues[ix];
        if (!(p->position.value >= is->scale_min && p->position.value <= is->scale_max))
            return fc_error_set(err, FC_EINPUT, origin, p->position.line, 0, field,
                                "%g is outside the issue's scale [%g, %g]", p->position.value,
                                is->scale_min, is->scale_max);
        fc_status st = scenario_check_uncertainty(sc, &p->position, field, err);
        if (st)
            return st;
    }
    for (size_t i = 0; i < o->n_backlash; i++) {
        const fc_backlash *bl = &o->backlash[i];
        snprintf(field, sizeof field, "outcome.backlash[%zu]", i);
        if (!text_ok(bl->by) || !text_ok(bl->how) || !text_ok(bl->when) || !text_ok(bl->source))
            return bad(sc, bl->line, field, "a backlash needs who pressed (by), how, when and its source", err);
        if (fc_scenario_actor_index(sc, bl->by) < 0)
            return fc_error_set(err, FC_EINPUT, origin, bl->line, 0, field, "unknown actor '%s'", bl->by);
    }
    return FC_OK;
}
