/* Checkpoints of a sweep: the finished blocks' per-run records and the event counts, written
 * whole (temporary file, then rename) so a run killed at any moment leaves either the old or
 * the new checkpoint, never a torn one. A restart with the same arguments reads it back and
 * computes only the missing blocks; since every run's numbers depend only on (seed, run), the
 * result is identical to an uninterrupted sweep. A checksum over the whole file (last 8 bytes)
 * refuses a corrupted checkpoint instead of resuming from wrong numbers. Also the per-run record
 * packing MPI uses. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep_internal.h"
#include "fulcrum/util.h"

#define MAGIC "FCSWPCK2"
#define MAGIC_V1 "FCSWPCK1"

/* FNV-1a, 64 bits: any flipped bit, swapped block or truncation changes it. It guards against
 * damage, not against someone forging a checkpoint. */
static uint64_t checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3u;
    }
    return h;
}

size_t sweep_record_size(const sweep_ctx *c)
{
    size_t nd = c->r->n_dims, nc = c->r->n_choices;
    return 1 + nd + nc * nd + nc + nc * SWEEP_FIGURES;
}

void sweep_pack_run(const sweep_ctx *c, size_t run, double *rec)
{
    const fc_sweep_result *r = c->r;
    size_t nd = r->n_dims, nc = r->n_choices;
    *rec++ = c->run_failed[run] ? 1.0 : 0.0;
    memcpy(rec, &r->run_outcome[run * nd], nd * sizeof *rec);
    rec += nd;
    if (nc) {
        memcpy(rec, &r->run_choice_outcome[run * nc * nd], nc * nd * sizeof *rec);
        rec += nc * nd;
        memcpy(rec, &r->run_choice_utility[run * nc], nc * sizeof *rec);
        rec += nc;
        memcpy(rec, &r->run_choice_figures[run * nc * SWEEP_FIGURES], nc * SWEEP_FIGURES * sizeof *rec);
    }
}

void sweep_unpack_run(sweep_ctx *c, size_t run, const double *rec)
{
    fc_sweep_result *r = c->r;
    size_t nd = r->n_dims, nc = r->n_choices;
    c->run_failed[run] = *rec++ != 0.0;
    memcpy(&r->run_outcome[run * nd], rec, nd * sizeof *rec);
    rec += nd;
    if (nc) {
        memcpy(&r->run_choice_outcome[run * nc * nd], rec, nc * nd * sizeof *rec);
        rec += nc * nd;
        memcpy(&r->run_choice_utility[run * nc], rec, nc * sizeof *rec);
        rec += nc;
        memcpy(&r->run_choice_figures[run * nc * SWEEP_FIGURES], rec, nc * SWEEP_FIGURES * sizeof *rec);
    }
}

typedef struct header {
    char magic[8];
    uint64_t fingerprint, runs, block_size, n_blocks, record, event_cells;
} header;

static size_t block_runs(const sweep_ctx *c, size_t b)
{
    size_t lo = b * c->block_size;
    return lo + c->block_size > c->r->runs ? c->r->runs - lo : c->block_size;
}

fc_status sweep_checkpoint_save(const sweep_ctx *c, const char *path, fc_error *err)
{
    size_t rec = sweep_record_size(c), n_done_runs = 0;
    for (size_t b = 0; b < c->n_blocks; b++)
        if (c->block_done[b])
            n_done_runs += block_runs(c, b);
    size_t size = sizeof(header) + c->n_blocks + c->n_event_cells * sizeof(uint64_t) +
                  n_done_runs * rec * sizeof(double) + sizeof(uint64_t);
    unsigned char *buf = malloc(size);
    if (!buf)
        return fc_error_nomem(err);
    header h = {.fingerprint = c->fingerprint, .runs = c->r->runs, .block_size = c->block_size,
                .n_blocks = c->n_blocks, .record = rec, .event_cells = c->n_event_cells};
    memcpy(h.magic, MAGIC, 8);
    unsigned char *p = buf;
    memcpy(p, &h, sizeof h);
    p += sizeof h;
    memcpy(p, c->block_done, c->n_blocks);
    p += c->n_blocks;
    memcpy(p, c->event_counts, c->n_event_cells * sizeof(uint64_t));
    p += c->n_event_cells * sizeof(uint64_t);
    double *d = malloc(rec * sizeof *d);
    if (!d) {
        free(buf);
        return fc_error_nomem(err);
    }
    for (size_t b = 0; b < c->n_blocks; b++) {
        if (!c->block_done[b])
            continue;
        for (size_t run = b * c->block_size, k = 0; k < block_runs(c, b); k++, run++) {
            sweep_pack_run(c, run, d);
            memcpy(p, d, rec * sizeof *d);
            p += rec * sizeof *d;
        }
    }
    free(d);
    uint64_t sum = checksum(buf, size - sizeof sum);
    memcpy(p, &sum, sizeof sum);
    fc_status st = fc_file_write_atomic(path, buf, size, err);
    free(buf);
    return st;
}

static fc_status corrupt(const char *path, const char *why, fc_error *err)
{
    return fc_error_set(err, FC_EINPUT, path, 0, 0, "checkpoint",
                        "%s; delete the file or choose another to start afresh", why);
}

fc_status sweep_checkpoint_load(sweep_ctx *c, const char *path, size_t *resumed, fc_error *err)
{
    *resumed = 0;
    /* A run killed while saving leaves its temporary file behind; this run is its successor. */
    fc_file_clean_stale(path);
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return FC_OK;
        return fc_error_set(err, FC_EIO, path, 0, 0, "checkpoint", "cannot open: %s", strerror(errno));
    }
    fclose(f);
    char *data = NULL;
    size_t len = 0;
    fc_status st = fc_file_read(path, (size_t)1 << 40, &data, &len, err);
    if (st)
        return st;
    header h;
    size_t rec = sweep_record_size(c);
    if (len < sizeof h) {
        free(data);
        return corrupt(path, "not a sweep checkpoint (too short)", err);
    }
    memcpy(&h, data, sizeof h);
    if (memcmp(h.magic, MAGIC_V1, 8) == 0) {
        free(data);
        return corrupt(path, "a checkpoint of an older version without a checksum", err);
    }
    if (memcmp(h.magic, MAGIC, 8) != 0) {
        free(data);
        return corrupt(path, "not a sweep checkpoint", err);
    }
    uint64_t stored;
    if (len < sizeof h + sizeof stored) {
        free(data);
        return corrupt(path, "the checkpoint is truncated", err);
    }
    len -= sizeof stored;
    memcpy(&stored, data + len, sizeof stored);
    if (checksum((const unsigned char *)data, len) != stored) {
        free(data);
        return corrupt(path, "the checkpoint is corrupted (its checksum does not match)", err);
    }
    if (h.fingerprint != c->fingerprint || h.runs != c->r->runs || h.block_size != c->block_size ||
        h.n_blocks != c->n_blocks || h.record != rec || h.event_cells != c->n_event_cells) {
        free(data);
        return corrupt(path, "this checkpoint belongs to a sweep with other arguments or another scenario", err);
    }
    const unsigned char *p = (const unsigned char *)data + sizeof h;
    size_t left = len - sizeof h;
    if (left < c->n_blocks + c->n_event_cells * sizeof(uint64_t)) {
        free(data);
        return corrupt(path, "the checkpoint is truncated", err);
    }
    memcpy(c->block_done, p, c->n_blocks);
    p += c->n_blocks;
    memcpy(c->event_counts, p, c->n_event_cells * sizeof(uint64_t));
    p += c->n_event_cells * sizeof(uint64_t);
    left -= c->n_blocks + c->n_event_cells * sizeof(uint64_t);
    size_t need = 0;
    for (size_t b = 0; b < c->n_blocks; b++)
        if (c->block_done[b])
            need += block_runs(c, b) * rec * sizeof(double);
    if (left != need) {
        memset(c->block_done, 0, c->n_blocks);
        memset(c->event_counts, 0, c->n_event_cells * sizeof(uint64_t));
        free(data);
        return corrupt(path, "the checkpoint's size does not match its contents", err);
    }
    double *d = malloc(rec * sizeof *d);
    if (!d) {
        free(data);
        return fc_error_nomem(err);
    }
    for (size_t b = 0; b < c->n_blocks; b++) {
        if (!c->block_done[b])
            continue;
        for (size_t run = b * c->block_size, k = 0; k < block_runs(c, b); k++, run++) {
            memcpy(d, p, rec * sizeof *d);
            p += rec * sizeof *d;
            sweep_unpack_run(c, run, d);
        }
        *resumed += block_runs(c, b);
    }
    free(d);
    free(data);
    return FC_OK;
}
