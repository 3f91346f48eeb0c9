/* The scenario: issues, actors with capability and per-issue position and salience, the
 * relations between actors and the choices of a deciding actor. A scenario is built by a
 * reader (io.h) or by hand, checked once by fc_scenario_validate, and then treated as
 * read-only; fc_scenario_copy gives an independent copy for what-if runs. */
#ifndef FULCRUM_SCENARIO_H
#define FULCRUM_SCENARIO_H

#include "fulcrum/export.h"

#include <stdbool.h>
#include <stddef.h>

#include "fulcrum/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* How uncertain an estimate is. FC_UNCERTAIN_NONE means the value is taken as exact. */
typedef enum fc_uncertainty_kind {
    FC_UNCERTAIN_NONE = 0,
    FC_UNCERTAIN_RANGE,      /* uniform on [low, high] */
    FC_UNCERTAIN_NORMAL,     /* normal(value, sd), truncated to the value's scale */
    FC_UNCERTAIN_TRIANGULAR  /* triangular(low, mode = value, high) */
} fc_uncertainty_kind;

typedef struct fc_uncertainty {
    fc_uncertainty_kind kind;
    double low, high; /* RANGE and TRIANGULAR */
    double sd;        /* NORMAL */
} fc_uncertainty;

/* One estimated number with where it came from. */
typedef struct fc_value {
    double value;
    char *source;          /* citation or note; NULL when none */
    fc_uncertainty uncertainty;
    int line;              /* where it was read (0 when built by hand); for error messages */
} fc_value;

typedef enum fc_actor_kind {
    FC_ACTOR_STATE = 0,
    FC_ACTOR_BLOC,
    FC_ACTOR_ORGANISATION,
    FC_ACTOR_FACTION,
    FC_ACTOR_FIRM
} fc_actor_kind;

typedef struct fc_anchor {
    double point;
    char *text;
} fc_anchor;

typedef struct fc_issue {
    char *id;
    char *label;
    double scale_min, scale_max;
    bool has_status_quo;
    double status_quo;
    char *status_quo_source;
    fc_anchor *anchors;   /* descriptions of points on the scale, ascending */
    size_t n_anchors;
    int line;
} fc_issue;

/* An actor's stand on one issue. An actor need not take a stand on every issue. */
typedef struct fc_stance {
    bool present;
    fc_value position;
    fc_value salience;   /* on the scenario's salience scale (0..100 or 0..1) */
} fc_stance;

typedef struct fc_actor {
    char *id;
    char *name;
    fc_actor_kind kind;
    fc_value capability;
    fc_stance *stances;  /* one per scenario issue, in issue order */
    char *note;          /* why the estimates are what they are */
    int line;
} fc_actor;

typedef struct fc_relation {
    char *a, *b;         /* actor ids */
    char *kind;          /* "alliance", "rivalry", or any other named kind */
    char *source;
    int line;
} fc_relation;

typedef struct fc_choice_position {
    char *issue;         /* issue id */
    double position;
} fc_choice_position;

/* A named set of position overrides for the deciding actor. */
typedef struct fc_choice {
    char *id;
    char *label;
    char *description;
    fc_choice_position *positions;
    size_t n_positions;
    int line;
} fc_choice;

typedef struct fc_source {
    char *id;
    char *citation;
    char *url;
} fc_source;

/* Scenario-wide uncertainty applied to values that declare none. A relative flag says the
 * spread is a fraction of the value (e.g. capability=20%) rather than absolute units. */
typedef struct fc_default_uncertainty {
    double position_sd, salience_sd, capability_sd;
    bool position_relative, salience_relative, capability_relative;
} fc_default_uncertainty;

/* The costs of the dilemma built as a game (docs/games.md): what pressing costs a responder,
 * what being pressed costs the decider (per 100 of the presser's capability), and how far
 * pressure pulls the outcome (times the presser's capability share). */
typedef struct fc_game_costs {
    bool present;
    fc_value pressure_cost, pressured_cost, effect;
    /* Optional (`game: hawk_prior`): the probability that a challenger of the crisis game is a
     * hawk (docs/dilemma-game.md); has_hawk_prior says whether the block gives it. */
    bool has_hawk_prior;
    fc_value hawk_prior;
} fc_game_costs;

/* What a crisis costs the deciding actor in the dilemma (docs/dilemma.md): `weight` converts the
 * interaction game's utility the decider loses in the crises its choice provokes into its own
 * utility on the dilemma's scale. An analyst's assumption unless a source says otherwise. */
typedef struct fc_backlash_costs {
    bool present;
    fc_value weight;
} fc_backlash_costs;

/* What was actually decided, for cases whose outcome is known (a track record): the date and
 * the choice it corresponds to, where each issue ended, and the backlash that followed. Every
 * part carries its source; the scenario itself holds only what was known before the date. */
typedef struct fc_outcome_position {
    char *issue;           /* issue id */
    fc_value position;     /* where the issue ended, with its source and uncertainty */
} fc_outcome_position;

/* One answer to the decision: who pressed, how and when. */
typedef struct fc_backlash {
    char *by;              /* actor id */
    char *how;
    char *when;            /* free text, like the scenario's date ("2014-07-21") */
    char *source;
    int line;
} fc_backlash;

typedef struct fc_outcome {
    bool present;
    char *date;            /* when it was decided */
    char *choice;          /* a choice id, or "status-quo" */
    char *decision;        /* what was decided, in a sentence */
    char *source;
    fc_outcome_position *positions;
    size_t n_positions;
    fc_backlash *backlash;
    size_t n_backlash;
    int line;
} fc_outcome;

typedef struct fc_scenario {
    char *title;
    char *date;
    char *description;
    char *origin;           /* file the scenario came from ("" when built in code) */
    double salience_max;    /* 100 or 1: the declared salience scale */
    fc_source *sources;
    size_t n_sources;
    fc_issue *issues;
    size_t n_issues;
    fc_actor *actors;
    size_t n_actors;
    fc_relation *relations;
    size_t n_relations;
    char *decider;          /* actor id of the deciding actor; NULL when no choices */
    fc_choice *choices;
    size_t n_choices;
    char **responders;      /* actor ids that answer the decider's choice (games) */
    size_t n_responders;
    fc_default_uncertainty default_uncertainty;
    fc_game_costs game_costs;
    fc_backlash_costs backlash_costs; /* the `backlash` block (dilemma) */
    fc_outcome outcome;     /* present only for cases whose outcome is known */
} fc_scenario;

/* Allocates an empty scenario (salience scale 100). */
FC_API fc_scenario *fc_scenario_new(void);
FC_API void fc_scenario_free(fc_scenario *sc);

/* A deep copy. Returns NULL when out of memory. */
FC_API fc_scenario *fc_scenario_copy(const fc_scenario *sc);

/* An issue's scale: bounds within +-1e12, and a width of at least 1e-6 of the larger bound's
 * magnitude, so that sums, squares and distances stay finite and exact enough (docs/limits.md). */
#define FC_SCALE_MAX_MAGNITUDE 1e12
#define FC_SCALE_MIN_RELATIVE_WIDTH 1e-6

/* An id (of an issue, actor or choice) has at most this many bytes: ids are keys in the written
 * YAML, where libyaml takes an implicit key of at most 1024 characters, and a byte the writer
 * escapes takes up to 6 ("\u0017"), so 128 bytes stay within it whatever they hold
 * (docs/limits.md). */
#define FC_ID_MAX_BYTES 128

/* Checks every rule of a scenario (docs/formats.md): ids unique and known, numbers finite,
 * capability >= 0, saliences inside the declared scale, positions inside the issue's scale,
 * scales inside the bounds above, at least one actor, choices naming known issues with
 * positions inside the scale.
 * Errors name sc->origin and the line a value was read from. */
FC_API fc_status fc_scenario_validate(const fc_scenario *sc, fc_error *err);
/* The same, appending every broken rule to `errors` (may be NULL) instead of stopping at the
 * first; err gets the first. */
FC_API fc_status fc_scenario_validate_all(const fc_scenario *sc, fc_error_list *errors, fc_error *err);

/* Index lookups; return -1 when there is no such id. */
FC_API long fc_scenario_issue_index(const fc_scenario *sc, const char *issue_id);
FC_API long fc_scenario_actor_index(const fc_scenario *sc, const char *actor_id);
FC_API long fc_scenario_choice_index(const fc_scenario *sc, const char *choice_id);

FC_API const char *fc_actor_kind_name(fc_actor_kind kind);
/* Parses a kind name; returns false when unknown. */
FC_API bool fc_actor_kind_parse(const char *name, fc_actor_kind *kind);

#ifdef __cplusplus
}
#endif
#endif
