/* The distributed sweep: every MPI rank computes the blocks b with b % size == rank (their
 * numbers depend only on (seed, run), not on the rank), then rank 0 gathers the per-run
 * records, adds the integer event counts, and computes the summaries in run order exactly as
 * a single process would: the result is bit for bit the same for any number of ranks. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "analysis/sweep_internal.h"

#ifdef FULCRUM_HAVE_MPI
#include "analysis/sweep_mpi_lib.h"

int fc_sweep_has_mpi(void)
{
    return 1;
}

static size_t block_runs(const sweep_ctx *c, size_t b)
{
    size_t lo = b * c->block_size;
    return lo + c->block_size > c->r->runs ? c->r->runs - lo : c->block_size;
}

static size_t rank_runs(const sweep_ctx *c, int rank, int size)
{
    size_t n = 0;
    for (size_t b = (size_t)rank; b < c->n_blocks; b += (size_t)size)
        n += block_runs(c, b);
    return n;
}

/* Every rank learns whether any rank failed; the first failing rank's message is kept. */
static fc_status agree(fc_status st, fc_error *err)
{
    int mine = (int)st, worst = 0;
    MPI_Allreduce(&mine, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    if (worst && !st)
        return fc_error_set(err, (fc_status)worst, NULL, 0, 0, NULL, "another MPI rank failed");
    return (fc_status)worst;
}

fc_status fc_sweep_run_mpi(const fc_scenario *sc, const fc_sweep_options *o, fc_sweep_result **out,
                           int *rank_out, fc_error *err)
{
    *out = NULL;
    int inited = 0, own = 0;
    fc_status loaded = sweep_mpi_load(err);
    if (loaded) {
        if (rank_out)
            *rank_out = 0;
        return loaded;
    }
    MPI_Initialized(&inited);
    if (!inited) {
        if (MPI_Init(NULL, NULL) != MPI_SUCCESS)
            return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, "mpi", "MPI_Init failed");
        own = 1;
    }
    int rank = 0, size = 1;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    if (rank_out)
        *rank_out = rank;
    fc_sweep_options opts = *o;
    opts.rank = rank;
    opts.n_ranks = size;
    if (rank != 0)
        opts.progress = NULL;
    double t0 = sweep_now();
    sweep_ctx c;
    fc_status st = sweep_prepare(sc, &opts, &c, err);
    st = agree(st, err);
    if (!st)
        st = agree(sweep_compute(&c, err), err);
    double *send = NULL, *recv = NULL;
    int *counts = NULL, *displs = NULL;
    if (!st) {
        size_t rec = sweep_record_size(&c);
        size_t mine = rank_runs(&c, rank, size) * rec;
        if (c.r->runs * rec > (size_t)INT_MAX)
            st = fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "runs", "too many runs for one MPI gather");
        send = malloc((mine ? mine : 1) * sizeof *send);
        if (!st && !send)
            st = fc_error_nomem(err);
        if (!st) {
            double *p = send;
            for (size_t b = (size_t)rank; b < c.n_blocks; b += (size_t)size)
                for (size_t run = b * c.block_size, k = 0; k < block_runs(&c, b); k++, run++, p += rec)
                    sweep_pack_run(&c, run, p);
        }
        if (!st && rank == 0) {
            recv = malloc(c.r->runs * rec * sizeof *recv);
            counts = malloc((size_t)size * sizeof *counts);
            displs = malloc((size_t)size * sizeof *displs);
            if (!recv || !counts || !displs)
                st = fc_error_nomem(err);
            size_t off = 0;
            for (int k = 0; !st && k < size; k++) {
                counts[k] = (int)(rank_runs(&c, k, size) * rec);
                displs[k] = (int)off;
                off += (size_t)counts[k];
            }
        }
        st = agree(st, err);
        if (!st) {
            MPI_Gatherv(send, (int)mine, MPI_DOUBLE, recv, counts, displs, MPI_DOUBLE, 0, MPI_COMM_WORLD);
            uint64_t resumed = c.r->resumed_runs, all_resumed = 0;
            MPI_Reduce(&resumed, &all_resumed, 1, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
            if (rank == 0) {
                MPI_Reduce(MPI_IN_PLACE, c.event_counts, (int)c.n_event_cells, MPI_UINT64_T, MPI_SUM, 0,
                           MPI_COMM_WORLD);
                c.r->resumed_runs = (size_t)all_resumed;
            } else {
                MPI_Reduce(c.event_counts, NULL, (int)c.n_event_cells, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
            }
        }
        if (!st && rank == 0) {
            for (int k = 0; k < size; k++) {
                const double *p = recv + displs[k];
                for (size_t b = (size_t)k; b < c.n_blocks; b += (size_t)size) {
                    for (size_t run = b * c.block_size, j = 0; j < block_runs(&c, b); j++, run++, p += rec)
                        sweep_unpack_run(&c, run, p);
                    c.block_done[b] = 1;
                }
            }
            double compute = sweep_now() - t0;
            st = sweep_finish(&c, err);
            if (!st) {
                c.r->ranks_used = size;
                c.r->seconds = sweep_now() - t0;
                c.r->runs_per_second = compute > 0 ? (double)(c.r->runs - c.r->resumed_runs) / compute : 0;
                *out = c.r;
                c.r = NULL;
            }
        }
    }
    free(send);
    free(recv);
    free(counts);
    free(displs);
    sweep_ctx_free(&c);
    if (own)
        MPI_Finalize();
    return st;
}

#else

int fc_sweep_has_mpi(void)
{
    return 0;
}

fc_status fc_sweep_run_mpi(const fc_scenario *sc, const fc_sweep_options *o, fc_sweep_result **out,
                           int *rank_out, fc_error *err)
{
    (void)sc;
    (void)o;
    *out = NULL;
    if (rank_out)
        *rank_out = 0;
    return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "mpi",
                        "the library was built without MPI (configure with -DFULCRUM_MPI=ON)");
}

#endif
