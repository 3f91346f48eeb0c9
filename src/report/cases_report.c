/* The track record as text and JSON (fulcrum/cases.h): the table per model first (how often
 * its first choice was the choice made, beside what chance alone would give), the backlash
 * calls, then each case. */
#include "fulcrum/cases.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/crisis.h"
#include "fulcrum/util.h"
#include "util/json_text.h"
#include "util/strutil.h"

static const char *file_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

static void model_label(char *buf, size_t size, const char *name, const char *preset)
{
    snprintf(buf, size, "%s%s%s%s", name, preset[0] ? " (" : "", preset, preset[0] ? ")" : "");
}

/* Hits a model would score by picking a choice at random: the sum over the cases it made a
 * call on (no tie) of 1 / (number of choices, status quo included). */
static double chance_hits(const fc_case_set *s, const fc_case_tally *t)
{
    double e = 0;
    for (size_t i = 0; i < s->n_cases; i++)
        for (size_t m = 0; m < s->cases[i].n_models; m++)
            if (strcmp(s->cases[i].models[m].name, t->name) == 0 &&
                strcmp(s->cases[i].models[m].preset, t->preset) == 0 && !s->cases[i].models[m].tie)
                e += 1.0 / (double)s->cases[i].n_choices;
    return e;
}

static const char *outcome_name(const char *id)
{
    for (int k = 0; k < FC_IIG_N_OUTCOMES; k++)
        if (strcmp(fc_iig_outcome_id((fc_iig_outcome)k), id) == 0)
            return fc_iig_outcome_name((fc_iig_outcome)k);
    return id;
}

static void case_text(fc_buf *b, const fc_case *c)
{
    fc_buf_printf(b, "\n%s: %s\n", file_name(c->path), c->title);
    fc_buf_printf(b, "  decided %s: %s (%s); %zu issue(s), %zu choices compared\n", c->date, c->choice_made,
                  c->choice_labels[c->made], c->n_issues, c->n_choices);
    fc_buf_printf(b, "  model runs ranking it first: %zu of %zu\n", c->n_hits, c->n_models);
    for (size_t m = 0; m < c->n_models; m++) {
        const fc_case_model *cm = &c->models[m];
        char label[80];
        model_label(label, sizeof label, cm->name, cm->preset);
        if (cm->tie)
            fc_buf_printf(b, "    %-28s no call: every choice ties\n", label);
        else
            fc_buf_printf(b, "    %-28s first: %-22s margin %.4f%s%s\n", label, c->choices[cm->first], cm->margin,
                          cm->hit ? "  right" : "", cm->stable ? "" : "  (no stable outcome)");
    }
    if (c->either_runs)
        fc_buf_printf(b, "  %s beats %s in %.0f%% of %zu jittered runs per model run (90%% interval of the margin "
                         "[%.4f, %.4f])\n",
                      c->choices[c->either_b], c->choices[c->either_a], 100 * c->either_p, c->either_runs,
                      c->either_low, c->either_high);
    if (c->n_calls == 0) {
        fc_buf_puts(b, "  backlash under the choice made: none expected, none recorded\n");
        return;
    }
    fc_buf_printf(b, "  backlash under the choice made: %zu of %zu other actors expected, %zu recorded, %zu both\n",
                  c->n_predicted, c->n_others, c->n_recorded, c->n_both);
    for (size_t k = 0; k < c->n_calls; k++) {
        const fc_case_call *a = &c->calls[k];
        fc_buf_printf(b, "    %-8s %-34.34s %-9s %-9s", a->actor, a->name, a->predicted ? "expected" : "-",
                      a->recorded ? "recorded" : "-");
        if (a->outcome[0])
            fc_buf_printf(b, " crisis: %s; expected utility of challenging %.3f", outcome_name(a->outcome),
                          a->eu_challenge);
        fc_buf_puts(b, "\n");
    }
}

fc_status fc_cases_report_text(const fc_case_set *s, char **out, fc_error *err)
{
    fc_buf b;
    fc_buf_init(&b);
    fc_buf_printf(&b, "Track record: %zu case(s) in %s\n", s->n_cases, s->dir);
    fc_buf_puts(&b, "(the dilemma on every issue of each case; a model run is right when the choice it ranks\n"
                    " first by decision value is the choice actually made)\n\n");
    fc_buf_printf(&b, "  %-30s %6s %6s %6s %8s\n", "model", "cases", "ties", "right", "chance");
    for (size_t t = 0; t < s->n_tally; t++) {
        char label[80];
        model_label(label, sizeof label, s->tally[t].name, s->tally[t].preset);
        fc_buf_printf(&b, "  %-30s %6zu %6zu %6zu %8.1f\n", label, s->tally[t].n, s->tally[t].ties,
                      s->tally[t].hits, chance_hits(s, &s->tally[t]));
    }
    fc_buf_printf(&b, "\n  ties: cases where the model run gives every choice the same value (no call).\n"
                      "  chance: the right calls expected from picking a choice at random on the other cases.\n"
                      "  With %zu case(s) no model's record separates it from chance; read each case below.\n",
                  s->n_cases);
    fc_buf_printf(&b, "\nBacklash under the choices made: the crisis models expected %zu of the %zu other actors\n"
                      "to push back; %zu actor(s) are recorded as pressing, %zu of them expected. Expecting\n"
                      "nearly everyone would catch every recorded one: read the two shares together.\n"
                      "By the War Trap's stricter call (expected utility of challenging > 0) %zu of the %zu\n"
                      "would challenge, %zu of the %zu recorded among them.\n",
                  s->n_predicted, s->n_others, s->n_recorded, s->n_both, s->n_challenging, s->n_others,
                  s->n_both_challenging, s->n_recorded);
    for (size_t i = 0; i < s->n_cases; i++)
        case_text(&b, &s->cases[i]);
    *out = fc_buf_take(&b);
    return *out ? FC_OK : fc_error_nomem(err);
}

static json_t *case_json(const fc_case *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "file", json_string(file_name(c->path)));
    json_object_set_new(o, "title", json_string(c->title));
    json_object_set_new(o, "decider", json_string(c->decider));
    json_object_set_new(o, "date", json_string(c->date));
    json_object_set_new(o, "choice_made", json_string(c->choice_made));
    json_t *ch = json_array();
    for (size_t k = 0; k < c->n_choices; k++)
        json_array_append_new(ch, json_string(c->choices[k]));
    json_object_set_new(o, "choices", ch);
    json_object_set_new(o, "n_issues", json_integer((json_int_t)c->n_issues));
    json_t *ms = json_array();
    for (size_t m = 0; m < c->n_models; m++) {
        const fc_case_model *cm = &c->models[m];
        json_t *mo = json_object();
        json_object_set_new(mo, "model", json_string(cm->name));
        json_object_set_new(mo, "preset", json_string(cm->preset));
        json_object_set_new(mo, "first", cm->tie ? json_null() : json_string(c->choices[cm->first]));
        json_object_set_new(mo, "margin", fc_json_number(cm->margin));
        json_object_set_new(mo, "stable", json_boolean(cm->stable));
        json_object_set_new(mo, "right", json_boolean(cm->hit));
        json_array_append_new(ms, mo);
    }
    json_object_set_new(o, "models", ms);
    if (c->either_runs) {
        json_t *e = json_object();
        json_object_set_new(e, "a", json_string(c->choices[c->either_a]));
        json_object_set_new(e, "b", json_string(c->choices[c->either_b]));
        json_object_set_new(e, "runs", json_integer((json_int_t)c->either_runs));
        json_object_set_new(e, "p_b_beats_a", fc_json_number(c->either_p));
        json_object_set_new(e, "margin_p5", fc_json_number(c->either_low));
        json_object_set_new(e, "margin_p95", fc_json_number(c->either_high));
        json_object_set_new(o, "either_or", e);
    }
    json_t *calls = json_array();
    for (size_t k = 0; k < c->n_calls; k++) {
        const fc_case_call *a = &c->calls[k];
        json_t *co = json_object();
        json_object_set_new(co, "actor", json_string(a->actor));
        json_object_set_new(co, "expected", json_boolean(a->predicted));
        json_object_set_new(co, "challenges", json_boolean(a->challenges));
        json_object_set_new(co, "recorded", json_boolean(a->recorded));
        json_object_set_new(co, "crisis", a->outcome[0] ? json_string(a->outcome) : json_null());
        json_object_set_new(co, "eu_challenge", a->outcome[0] ? fc_json_number(a->eu_challenge) : json_null());
        json_array_append_new(calls, co);
    }
    json_object_set_new(o, "backlash", calls);
    return o;
}

fc_status fc_cases_report_json(const fc_case_set *s, char **out, fc_error *err)
{
    json_t *root = json_object();
    json_object_set_new(root, "dir", json_string(s->dir));
    json_t *t = json_array();
    for (size_t k = 0; k < s->n_tally; k++) {
        json_t *o = json_object();
        json_object_set_new(o, "model", json_string(s->tally[k].name));
        json_object_set_new(o, "preset", json_string(s->tally[k].preset));
        json_object_set_new(o, "cases", json_integer((json_int_t)s->tally[k].n));
        json_object_set_new(o, "ties", json_integer((json_int_t)s->tally[k].ties));
        json_object_set_new(o, "right", json_integer((json_int_t)s->tally[k].hits));
        json_object_set_new(o, "chance", fc_json_number(chance_hits(s, &s->tally[k])));
        json_array_append_new(t, o);
    }
    json_object_set_new(root, "models", t);
    json_t *bl = json_object();
    json_object_set_new(bl, "others", json_integer((json_int_t)s->n_others));
    json_object_set_new(bl, "expected", json_integer((json_int_t)s->n_predicted));
    json_object_set_new(bl, "recorded", json_integer((json_int_t)s->n_recorded));
    json_object_set_new(bl, "both", json_integer((json_int_t)s->n_both));
    json_object_set_new(bl, "challenging", json_integer((json_int_t)s->n_challenging));
    json_object_set_new(bl, "both_challenging", json_integer((json_int_t)s->n_both_challenging));
    json_object_set_new(root, "backlash", bl);
    json_t *cs = json_array();
    for (size_t i = 0; i < s->n_cases; i++)
        json_array_append_new(cs, case_json(&s->cases[i]));
    json_object_set_new(root, "cases", cs);
    return fc_json_to_text(root, out, err);
}
