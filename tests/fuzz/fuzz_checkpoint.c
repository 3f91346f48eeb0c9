/* libFuzzer target: sweep checkpoints. A sweep of the built-in case (eum, 64 runs: 4 blocks)
 * resumes from the fuzzed bytes as its checkpoint file. The first byte chooses how:
 *   even: the rest is the file as it is. A checkpoint is guarded by a checksum, so the sweep
 *         must either refuse it (an input error naming the checkpoint) or give, bit for bit,
 *         the result of the uninterrupted sweep.
 *   odd:  the rest is the file without its last 8 bytes, and the harness appends the right
 *         checksum (FNV-1a over the payload, as the format defines it), so that the structural
 *         checks behind the checksum are reached: any answer is allowed but a crash, a leak or
 *         a result of the wrong shape.
 * FULCRUM_FUZZ_EMIT=FILE writes a valid checkpoint of this sweep (the seed corpus). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fulcrum/fulcrum.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define RUNS 64

static fc_scenario *scenario;
static fc_sweep_result *reference;
static char path[64];

static void sweep_options(fc_sweep_options *o, const char *checkpoint)
{
    fc_sweep_options_init(o);
    o->model = fc_model_find("eum");
    o->runs = RUNS;
    o->seed = 7;
    o->threads = 1;
    o->sensitivity = 0;
    o->checkpoint = checkpoint;
}

static void setup(void)
{
    fc_error err;
    if (fc_scenario_load_builtin(&scenario, &err) != FC_OK)
        abort();
    fc_sweep_options o;
    sweep_options(&o, NULL);
    if (fc_sweep_run(scenario, &o, &reference, &err) != FC_OK)
        abort();
    snprintf(path, sizeof path, "/tmp/fuzz-checkpoint-%ld", (long)getpid());
    const char *emit = getenv("FULCRUM_FUZZ_EMIT");
    if (emit) {
        fc_sweep_result *r;
        sweep_options(&o, emit);
        if (fc_sweep_run(scenario, &o, &r, &err) != FC_OK)
            abort();
        fc_sweep_result_free(r);
    }
}

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3u;
    }
    return h;
}

static int same_bits(const double *a, const double *b, size_t n)
{
    return memcmp(a, b, n * sizeof *a) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!scenario)
        setup();
    if (size < 1)
        return 0;
    int fix_checksum = data[0] & 1;
    data++;
    size--;
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    if (fix_checksum) {
        uint64_t sum = fnv1a(data, size);
        fwrite(&sum, sizeof sum, 1, f);
    }
    fclose(f);

    fc_sweep_options o;
    sweep_options(&o, path);
    fc_sweep_result *r = NULL;
    fc_error err;
    fc_status st = fc_sweep_run(scenario, &o, &r, &err);
    if (st != FC_OK) {
        /* A refusal names the checkpoint; anything else (say, out of memory) is a finding. */
        if (st != FC_EINPUT || strcmp(err.field, "checkpoint") != 0)
            __builtin_trap();
    } else {
        if (r->runs != RUNS || r->n_dims != reference->n_dims)
            __builtin_trap();
        if (!fix_checksum &&
            (!same_bits(r->run_outcome, reference->run_outcome, RUNS * r->n_dims) ||
             memcmp(&r->outcome[0].mean, &reference->outcome[0].mean, sizeof(double)) != 0))
            __builtin_trap();
        fc_sweep_result_free(r);
    }
    unlink(path);
    return 0;
}
