/* Internals of the spatial model of politics shared by its files: the elections
 * (smp_pce.c), the per-state quantities and challenges (smp_state.c), one turn
 * (smp_turn.c) and the generator of the stochastic mode (smp_rng.c). Section numbers
 * (S3.1 ...) refer to specs/smp.md; every sum runs in ascending index order so that the
 * results equal KTAB's bit for bit. */
#ifndef FULCRUM_SMP_INTERNAL_H
#define FULCRUM_SMP_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "fulcrum/smp.h"

/* S9: std::mt19937_64 and KTAB's transform of its draws. */
typedef struct smp_rng {
    uint64_t mt[312];
    size_t index;
} smp_rng;
void smp_rng_seed(smp_rng *g, uint64_t seed);
uint64_t smp_rng_next(smp_rng *g);      /* the raw MT19937-64 output */
double smp_rng_uniform(smp_rng *g);     /* KTAB's real draw on [0,1] */

/* Scratch space of the elections, sized for up to max_options options. */
typedef struct smp_pce_ws {
    size_t cap;
    double *C, *Pv, *H, *q;
    double *T;       /* a large election's options transposed (voter-major), grown on demand */
    size_t tcap;
} smp_pce_ws;
fc_status smp_pce_ws_init(smp_pce_ws *ws, size_t max_options, fc_error *err);
void smp_pce_ws_free(smp_pce_ws *ws);

/* S4.1 vote(vr, w, a, b); inline because the challenge loops call it n^3 times a turn. */
static inline double smp_vote(fc_smp_vr vr, double w, double a, double b)
{
    double delta = a - b;
    double beta;
    switch (vr) {
    case FC_SMP_VR_BINARY:
        beta = delta / 1e-8;
        beta = beta > 1.0 ? 1.0 : (beta < -1.0 ? -1.0 : beta);
        return w * beta;
    case FC_SMP_VR_PROP_BIN:
        beta = delta / 1e-8;
        beta = beta > 1.0 ? 1.0 : (beta < -1.0 ? -1.0 : beta);
        return w * ((1.0 - 0.2) * delta + 0.2 * beta);
    case FC_SMP_VR_PROP:
        return w * delta;
    case FC_SMP_VR_PROP_CBC:
        return w * ((1.0 - 0.5) * delta + 0.5 * (delta * delta * delta));
    case FC_SMP_VR_CUBIC:
        return w * (delta * delta * delta);
    case FC_SMP_VR_ASYM_PROSP:
        if (delta < 0.0)
            return w * delta;
        if (delta > 0.0)
            return (2.0 * w * delta) / 3.0;
        return 0.0;
    }
    return 0.0;
}


/* scalarPCE (S4.2-S4.4): n_voters weights w, and for each of m options a column
 * cols[m][k] = utility of option m to voter k. Writes m probabilities to p. */
fc_status smp_scalar_pce(const fc_smp_options *o, const double *w, size_t n_voters,
                         const double *const *cols, size_t m, smp_pce_ws *ws, double *p,
                         fc_error *err);

/* S3.2 */
static inline double smp_util(double delta, double R)
{
    return delta <= 1.0 ? (1.0 - delta) * (1.0 + delta * R) : (1.0 - delta) * (1.0 + R);
}

/* The fixed data of a run (S2.3 applied). */
typedef struct smp_model {
    const fc_smp_options *o;
    size_t n, d;
    const double *cap;      /* n */
    const double *sal;      /* n*d on 0..1 */
    double *S;              /* n: salience sums */
    double *ssq;            /* n: sums of squared saliences (denominator of S3.1) */
    double *wS;             /* n: S_n * c_n, the weights of S5.1 */
    const double *acc;      /* n*n or NULL (identity) */
} smp_model;

/* Fills a model from a problem (saliences summing above 1 are scaled down, see
 * docs/models/smp.md); the problem and options must outlive it. */
fc_status smp_model_init(smp_model *m, const fc_problem *p, const fc_smp_options *o,
                         fc_error *err);
void smp_model_free(smp_model *m);

/* One state: positions, ideals and what S3.3 derives from them. */
typedef struct smp_state {
    double *X, *I;          /* n*d on 0..1 */
    double *V;              /* n*n: V[i*n+j] = dist_i(I_i, X_j) */
    double *VT;             /* n*n: VT[j*n+i] = V[i*n+j] */
    double *p0;             /* n: the risk-neutral election of S3.3 step 2 */
    double *r;              /* n: the objective risk attitudes */
    double *rho;            /* n*n: rho[h*n+i] = rho(r_h, r_i) */
    double *Uown;           /* n*n: Uown[a*n+x] = U_a(a, x) */
} smp_state;

fc_status smp_state_alloc(smp_state *s, size_t n, size_t d, fc_error *err);
void smp_state_free(smp_state *s);
/* State 0: positions and ideals from the problem, mapped to 0..1. */
void smp_state_from_problem(smp_state *s, const fc_problem *p);

/* S3.1: dist_i(I, y). */
double smp_dist(const smp_model *m, size_t i, const double *I, const double *y);

/* S3.3 for a state whose X and I are set. ws must hold n options; tmp n*n doubles. */
fc_status smp_state_setup(const smp_model *m, smp_state *s, smp_pce_ws *ws, double *tmp,
                          fc_error *err);

/* S5.1 probEduChlg(h, k, i, j). */
void smp_prob_edu_chlg(const smp_model *m, const smp_state *s, size_t h, size_t k, size_t i,
                       size_t j, double *phi, double *gain);

/* probEduChlg(i, i, i, j) for every j != i: pj[j], ej[j]. scratch: 6n doubles. */
void smp_challenges(const smp_model *m, const smp_state *s, size_t i, double *scratch,
                    double *pj, double *ej);

/* S5.2: the bargain positions bi, bj (d values each). */
void smp_interp(const smp_model *m, size_t i, size_t j, const double *xi, const double *xj,
                double pI, double pJ, double *bi, double *bj);

/* A bargain of S6.1; an SQ has init == rcvr. */
typedef struct smp_bargain {
    size_t init, rcvr;
    double *pos_init, *pos_rcvr;   /* d values each (X of the actor for an SQ) */
    double gain;                   /* the initiator's expected gain (0 for an SQ) */
    double gain_rcvr_view;         /* probEduChlg(j,i,i,j)'s gain (0 for an SQ) */
    double *ub;                    /* n: the column Ub(., m) of S6.2 */
    int adopted_by_init, adopted_by_rcvr;
} smp_bargain;

/* From this many actors a turn's challenges (n^3 work) run on OpenMP's threads; below it
 * a team's start-up would cost more than it saves (KTAB's examples have 9 to 24 actors). */
#define SMP_PARALLEL_MIN_ACTORS 48
/* An election's coalitions (options^2 / 2 pairs, each summed over the voters) are spread
 * over threads from about a million votes; from SMP_PCE_WIDE_MIN_OPTIONS options the pairs
 * of one option are summed side by side (vectorised) over the transposed options. */
#define SMP_PCE_PARALLEL_MIN_WORK (1u << 21)
#define SMP_PCE_WIDE_MIN_OPTIONS 16

/* Scratch space of one turn. */
typedef struct smp_turn_ws {
    size_t n, d;
    smp_bargain *b;                /* up to 3n bargains: SQs and proposals */
    size_t nb;
    double *bpos;                  /* positions of the bargains */
    double *ub;                    /* their columns */
    size_t *lists;                 /* L_k: indices into b, each list up to 2n+1 long */
    size_t *list_len;
    const double **cols;
    double *p;
    double *tmp;                   /* 4*d */
    int threads;                   /* for the initiators' challenges: 1 below SMP_PARALLEL_MIN_ACTORS */
    double *chlg;                  /* 8*n per thread: scratch and results of smp_challenges */
    double *ut;                    /* n*n: the state's Uown transposed, for the columns */
    long *best;                    /* n: each initiator's best target, -1 for none */
    double *best_eu, *best_p;      /* n: its expected gain and win probability */
    smp_pce_ws pce;
} smp_turn_ws;
fc_status smp_turn_ws_init(smp_turn_ws *w, size_t n, size_t d, fc_error *err);
void smp_turn_ws_free(smp_turn_ws *w);

/* S6: state `cur` to `next` (X and I of next are written; S3.3 is not run). fixed may
 * be NULL; rng is used only in the stochastic mode. */
fc_status smp_turn(const smp_model *m, const smp_state *cur, smp_state *next,
                   const unsigned char *fixed, smp_rng *rng, smp_turn_ws *w, fc_error *err);

/* S8.2: each actor's win probability in a state. */
fc_status smp_win_prob(const smp_model *m, const smp_state *s, smp_turn_ws *w, double *out,
                       fc_error *err);

#endif
