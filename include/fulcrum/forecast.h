/* The result every bargaining model returns: positions by round, statistics by round, the
 * events of the bargaining (who challenged whom, how it ended, the move), and the point
 * forecast. One-round models fill the same structure with round 0 and round 1. */
#ifndef FULCRUM_FORECAST_H
#define FULCRUM_FORECAST_H

#include "fulcrum/export.h"

#include <stddef.h>

#include "fulcrum/error.h"
#include "fulcrum/problem.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum fc_event_kind {
    FC_EVENT_CONFLICT = 0,   /* the target loses a confrontation and moves to the challenger */
    FC_EVENT_COMPROMISE,     /* the target moves part of the way */
    FC_EVENT_CAPITULATION,   /* the target gives way without a fight */
    FC_EVENT_STALEMATE,      /* neither side gains by challenging */
    FC_EVENT_BARGAIN         /* a proposed bargain (spatial models): accepted or not */
} fc_event_kind;

typedef struct fc_event {
    int round;               /* 1-based round in which the event happened */
    int challenger;          /* actor index of the one who presses (offer sender, initiator) */
    int target;              /* actor index of the one who is pressed (receiver) */
    fc_event_kind kind;
    double eu_challenger;    /* the challenger's expected utility of challenging */
    double eu_target;        /* the target's expected utility of challenging back */
    int accepted;            /* 1 adopted, 0 refused, -1 not applicable */
    size_t point_offset;     /* index into fc_forecast.event_points: old[n_dims] then new[n_dims] */
} fc_event;

/* A named extra series a model records per round, e.g. EUM's risk exponents. */
typedef struct fc_series {
    char name[32];
    size_t width;            /* values per round (usually n_actors) */
    double *values;          /* (n_rounds + 1) * width; round 0 first */
} fc_series;

typedef struct fc_forecast {
    char model[32];          /* the forecaster's name */
    char preset[32];         /* "" when the model has no presets */
    size_t n_actors, n_dims;
    size_t n_rounds;         /* rounds played; the trajectory has n_rounds + 1 states */
    size_t cap_states;       /* states the per-round arrays have room for (>= n_rounds + 1) */
    double *positions;       /* (n_rounds+1) * n_actors * n_dims */
    double *median;          /* (n_rounds+1) * n_dims: weighted median of each state */
    double *mean;            /* (n_rounds+1) * n_dims: weighted mean of each state */
    double *point;           /* (n_rounds+1) * n_dims: the model's own forecast per state */
    double *outcome;         /* n_dims: the final forecast (= point of the last state) */
    fc_event *events;
    size_t n_events, cap_events;
    double *event_points;    /* 2 * n_dims per event (room for cap_events events) */
    fc_series *series;
    size_t n_series;
    char *explanation;       /* a paragraph in plain language; NULL when none */
    int converged;           /* 1 stopped by convergence, 0 by the round limit, -1 n/a */
} fc_forecast;

/* Allocates a forecast with room for max_rounds rounds (grown on demand by fc_forecast_*);
 * it starts with n_rounds = 0. */
FC_API fc_forecast *fc_forecast_new(const char *model, size_t n_actors, size_t n_dims, size_t max_rounds);
FC_API void fc_forecast_free(fc_forecast *f);

/* A one-round forecast of a problem: states 0 and 1 both hold the actors' positions, with
 * their weighted median and mean; the caller fills point and outcome. NULL when out of memory. */
FC_API fc_forecast *fc_forecast_new_one_round(const char *model, const fc_problem *p);

/* Sets n_rounds, making room when needed; states past the old n_rounds start zeroed. */
FC_API fc_status fc_forecast_set_rounds(fc_forecast *f, size_t n_rounds, fc_error *err);

/* Pointers into the trajectory for state t (0 = the start). */
FC_API double *fc_forecast_positions_at(const fc_forecast *f, size_t t);

/* Appends an event; old_pos and new_pos hold n_dims values each (may be NULL = NaN). */
FC_API fc_status fc_forecast_add_event(fc_forecast *f, const fc_event *ev, const double *old_pos,
                                       const double *new_pos, fc_error *err);
FC_API const double *fc_event_old_position(const fc_forecast *f, const fc_event *ev);
FC_API const double *fc_event_new_position(const fc_forecast *f, const fc_event *ev);

/* Adds a named series of `width` values per state; returns its values array (zeroed). */
FC_API double *fc_forecast_add_series(fc_forecast *f, const char *name, size_t width, fc_error *err);
FC_API const fc_series *fc_forecast_find_series(const fc_forecast *f, const char *name);

/* Stores a copy of text as the explanation. */
FC_API fc_status fc_forecast_set_explanation(fc_forecast *f, const char *text, fc_error *err);

FC_API const char *fc_event_kind_name(fc_event_kind kind);

/* Weighted statistics of one dimension: w[i] = capability * salience.
 * The weighted median is the position where the cumulative weight (positions ascending)
 * first passes half the total; when it reaches exactly half at a position (to a relative
 * 1e-9, so that the rule does not depend on the scale saliences were given on), the median
 * is the midpoint between that position and the next larger one. Returns NaN when the total
 * weight is 0. */
FC_API double fc_weighted_median(const double *x, const double *w, size_t n);
FC_API double fc_weighted_mean(const double *x, const double *w, size_t n);

/* Fills the median and mean of state t from its positions (weights capability*salience). */
FC_API void fc_forecast_fill_statistics(fc_forecast *f, const fc_problem *p, size_t t);

#ifdef __cplusplus
}
#endif
#endif
