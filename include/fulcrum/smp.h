/* KTAB's spatial model of politics (SMP): actors bargain turn by turn over positions in
 * several dimensions, and each bargain is decided by a probabilistic Condorcet election.
 * The options struct holds every parameter of KTAB's `smpc` with KTAB's defaults
 * (docs/models/smp.md explains each one); fc_model_smp runs it behind model.h. */
#ifndef FULCRUM_SMP_H
#define FULCRUM_SMP_H

#include "fulcrum/export.h"

#include <stddef.h>
#include <stdint.h>

#include "fulcrum/error.h"
#include "fulcrum/forecast.h"
#include "fulcrum/model.h"
#include "fulcrum/problem.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The enumerations keep KTAB's integer codes (the position in KTAB's list). */
typedef enum fc_smp_vpm {          /* VictoryProbModel: how coalition strength becomes odds */
    FC_SMP_VPM_LINEAR = 0, FC_SMP_VPM_SQUARE, FC_SMP_VPM_QUARTIC, FC_SMP_VPM_OCTIC,
    FC_SMP_VPM_BINARY
} fc_smp_vpm;
typedef enum fc_smp_pcem {         /* PCEModel: probability of Condorcet election */
    FC_SMP_PCEM_CONDITIONAL = 0, FC_SMP_PCEM_MARKOV_INCENTIVE, FC_SMP_PCEM_MARKOV_UNIFORM
} fc_smp_pcem;
typedef enum fc_smp_stm {          /* StateTransitions: pick the likeliest bargain, or draw one */
    FC_SMP_STM_DETERMINISTIC = 0, FC_SMP_STM_STOCHASTIC
} fc_smp_stm;
typedef enum fc_smp_vr {           /* VotingRule: how a difference of utilities becomes a vote */
    FC_SMP_VR_BINARY = 0, FC_SMP_VR_PROP_BIN, FC_SMP_VR_PROP, FC_SMP_VR_PROP_CBC,
    FC_SMP_VR_CUBIC, FC_SMP_VR_ASYM_PROSP
} fc_smp_vr;
typedef enum fc_smp_ra {           /* BigRAdjust: how far h credits others with their own risk attitude */
    FC_SMP_RA_NONE = 0, FC_SMP_RA_ONE_THIRD, FC_SMP_RA_HALF, FC_SMP_RA_TWO_THIRDS, FC_SMP_RA_FULL
} fc_smp_ra;
typedef enum fc_smp_rr {           /* BigRRange: the range of the inferred risk attitudes */
    FC_SMP_RR_MIN = 0, FC_SMP_RR_MID, FC_SMP_RR_MAX
} fc_smp_rr;
typedef enum fc_smp_tpc {          /* ThirdPartyCommit: how third parties commit to a side */
    FC_SMP_TPC_NO_COMMIT = 0, FC_SMP_TPC_SEMI_COMMIT, FC_SMP_TPC_FULL_COMMIT
} fc_smp_tpc;
typedef enum fc_smp_ivb {          /* InterVecBrgn: how a bargain interpolates two positions */
    FC_SMP_IVB_S1P1 = 0, FC_SMP_IVB_S2P2, FC_SMP_IVB_S2PMAX
} fc_smp_ivb;
typedef enum fc_smp_bm {           /* BargnModel: whose view of the odds shapes the bargain */
    FC_SMP_BM_INIT_ONLY = 0, FC_SMP_BM_INIT_RCVR, FC_SMP_BM_PW_COMP
} fc_smp_bm;

/* The most actors the model takes: KTAB's bound (specs/smp.md S2.3). */
#define FC_SMP_MAX_ACTORS 250

typedef struct fc_smp_options {
    fc_smp_vpm vpm;                /* Linear */
    fc_smp_pcem pcem;              /* Conditional */
    fc_smp_stm stm;                /* Deterministic */
    fc_smp_vr vr;                  /* Prop */
    fc_smp_ra ra;                  /* OneThird */
    fc_smp_rr rr;                  /* Mid */
    fc_smp_tpc tpc;                /* SemiCommit */
    fc_smp_ivb ivb;                /* S2P2 */
    fc_smp_bm bm;                  /* InitOnlyInterp */
    uint64_t seed;                 /* 15455440707583219804, KTAB's default for CSV input;
                                      only the Stochastic mode draws */
    int min_turns;                 /* 2: the stopping rule is not tested before this turn */
    int max_turns;                 /* 100 */
    double stop_ratio;             /* 0.02: stop when the last turn's movement is below this
                                      fraction of the first turn's */
    double stop_guard;             /* 1e-4: added to the first turn's movement */
    double pos_tol;                /* 1e-3: positions closer than this (on 0..1) are one
                                      position when win probabilities are reported */
    double challenge_min;          /* 1e-5: the least expected gain worth a proposal */
    /* The accommodation matrix A (n_actors x n_actors, row i = how i's ideal follows the
     * others' positions), or NULL for the identity. Owned by the options: set it with
     * fc_smp_options_set_accommodation and release it with fc_smp_options_clear. */
    double *accommodation;
    size_t accommodation_n;
    /* 0 (default, range_check=fallback): where KTAB's check "estimated change in utility out
     * of valid range" stops a run (the inferred risk attitudes change no utility), every actor
     * is taken as risk-neutral for that state and the run goes on. 1 (range_check=refuse):
     * stop with KTAB's error, as KTAB does. */
    int range_refuse;
} fc_smp_options;

/* KTAB's defaults. */
FC_API void fc_smp_options_init(fc_smp_options *o);

/* Sets one parameter by name: KTAB's XML element name or its short form, case-insensitive
 * (VictoryProbModel/vpm, PCEModel/pcem, StateTransitions/stm, VotingRule/vr,
 * BigRAdjust/ra, BigRRange/rr, ThirdPartyCommit/tpc, InterVecBrgn/ivb, BargnModel/bm,
 * seed, min_turns, max_turns, stop_ratio, stop_guard, pos_tol, challenge_min, range_check =
 * fallback|refuse). Enumerated
 * values are KTAB's names (case-insensitive) or their integer codes. */
FC_API fc_status fc_smp_options_set(fc_smp_options *o, const char *key, const char *value, fc_error *err);

/* Copies an n x n accommodation matrix into the options (replacing any earlier one). */
FC_API fc_status fc_smp_options_set_accommodation(fc_smp_options *o, const double *a, size_t n,
                                                  fc_error *err);

/* Releases what the options own (the accommodation matrix); the values stay usable. */
FC_API void fc_smp_options_clear(fc_smp_options *o);

/* The name KTAB gives an enumerated value, e.g. fc_smp_enum_name("vr", 2) = "Prop". */
FC_API const char *fc_smp_enum_name(const char *key, int code);

/* Runs the model (opts NULL = defaults). Positions are read and reported on each
 * dimension's scale [scale_min, scale_max]; the model works on 0..1 inside. */
FC_API fc_status fc_smp_run(const fc_problem *p, const fc_smp_options *opts, fc_forecast **out,
                            fc_error *err);

FC_API extern const fc_model fc_model_smp;

#ifdef __cplusplus
}
#endif
#endif
