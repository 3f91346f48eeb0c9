/* A dictionary of a best-response polytope in interval arithmetic (midpoint and a rigorous
 * radius, in doubles), with an exact GMP shadow used only when an interval decision is in
 * doubt. It lets enummixed walk a nondegenerate polytope at floating-point speed while every
 * decision it takes (ratio-test winner, positivity of the basic solution) is proven. */
#ifndef FULCRUM_GAME_IVDICT_H
#define FULCRUM_GAME_IVDICT_H

#include "game/polytope.h"

typedef struct ivdict {
    size_t rows, cols, L;
    double *tm, *tr; /* rows * cols: midpoints and radii of the (non-fraction-free) tableau */
    double *cm, *cr; /* rows */
    double *qm, *qr; /* scratch: the new pivot row */
    int *basic, *nonbasic;
    dict ex;         /* exact shadow, at the basis of the last synchronisation */
    bool ex_init;
    int *rowpos, *colpos; /* label -> position in ex (scratch) */
    unsigned char *isnb;  /* label -> nonbasic in this dictionary (scratch) */
    size_t syncs;         /* exact synchronisations so far */
    bool synced;          /* the shadow is at this basis and the intervals are fresh */
    bool fresh;           /* the intervals were recomputed from the game at this basis */
    /* the game's initial dictionary in doubles (exact: small integers), for refresh */
    bool can_refresh;
    double *a0;           /* rows * cols, by initial row and column index */
    int *init_row, *init_col; /* label -> initial row / column index, or -1 */
    double *wm, *wr;      /* scratch: the k x (k + cols + 1) elimination */
    size_t *xb, *sn, *gjrow;  /* scratch */
    size_t refreshes;
    double *bn, *bd, *bu, *brow; /* scratch of ivd_ratio_all, per column */
    int64_t *any, *ok;
} ivdict;

/* IV_DEGENERATE: something the fast walk cannot handle (out of double range, or a failed
 * exact basis change); the caller walks the polytope exactly instead. */
enum { IV_OK = 0, IV_DEGENERATE = 1, IV_NOMEM = 2 };

/* ivd_ratio_all's answers besides a row; rows are at most IV_MAXROWS. */
#define IV_NONE 255u
#define IV_UNKNOWN 254u
#define IV_MAXROWS 250
#define IV_MAXCOLS 64 /* with one-word label sets */

int ivd_init(ivdict *d, const bimatrix *bm, int which);
void ivd_free(ivdict *d);

/* The rows winning the minimum-ratio test for column s (all ties, increasing), proven:
 * from the intervals when one row wins clearly, else exactly. Returns their number (0: no
 * row limits the column). *rc gets IV_OK, or IV_DEGENERATE when the exact shadow failed. */
size_t ivd_ratio(ivdict *d, size_t s, size_t *ties, int *rc);

/* The minimum-ratio test of every column from the intervals alone: win[s] is the proven
 * unique winning row, IV_NONE (proven: no row limits column s) or IV_UNKNOWN (ask
 * ivd_ratio). */
void ivd_ratio_all(ivdict *d, uint8_t *win);

/* Pivots on (r, s). With zero_labels (a feasible basis is reached): proves every basic value
 * nonnegative and sets in zero_labels the label of each basic variable that is exactly zero
 * (a degenerate vertex). IV_DEGENERATE means: give up this walk, do it exactly. */
int ivd_pivot(ivdict *d, size_t r, size_t s, uint64_t *zero_labels);

#endif
