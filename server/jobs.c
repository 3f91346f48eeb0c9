/* Sweep jobs: a sweep runs in its own thread (the sweep itself uses every core through
 * OpenMP) while the page polls its progress; it can be cancelled, and it is cancelled when it
 * outlives its time limit. At most max_running run at once; finished jobs are kept (the last
 * KEEP of them) until the server stops, and stored in the run store when it has one. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "serve_internal.h"

#define KEEP 32

typedef enum job_state { JOB_RUNNING, JOB_DONE, JOB_FAILED, JOB_CANCELLED } job_state;

static const char *const state_names[] = {"running", "done", "failed", "cancelled"};

typedef struct job {
    long id;
    job_state state;
    size_t done, total;
    int cancel;              /* read by the sweep between blocks (atomic) */
    int timed_out;
    double started, finished, deadline;
    pthread_t thread;
    int joined;
    /* The call, owned: its command, params, format and body are copies. */
    serve_call call;
    serve_param *params;
    char *body;
    char *result;            /* the sweep's JSON when done */
    fc_error err;            /* why it failed */
    long run_id;             /* its row in the store, 0 when none */
    struct serve_jobs *owner;
} job;

struct serve_jobs {
    pthread_mutex_t lock;
    job *jobs[KEEP];         /* the newest KEEP jobs, by id modulo KEEP */
    long next_id;
    unsigned max_running, running;
    double seconds;
    size_t max_runs;
    serve_store *store;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void job_free(job *jb)
{
    if (!jb)
        return;
    if (!jb->joined)
        pthread_join(jb->thread, NULL);
    for (size_t i = 0; i < jb->call.n_params; i++) {
        free(jb->params[i].key);
        free(jb->params[i].value);
    }
    free(jb->params);
    free(jb->body);
    free(jb->result);
    free(jb);
}

fc_status serve_jobs_new(unsigned max_running, double seconds, size_t max_runs, serve_store *store,
                         serve_jobs **out, fc_error *err)
{
    serve_jobs *j = calloc(1, sizeof *j);
    if (!j)
        return fc_error_nomem(err);
    pthread_mutex_init(&j->lock, NULL);
    j->next_id = 1;
    j->max_running = max_running ? max_running : 2;
    j->seconds = seconds > 0 ? seconds : 600;
    j->max_runs = max_runs;
    j->store = store;
    *out = j;
    return FC_OK;
}

/* Called by the sweep after each block: records progress and enforces the time limit. */
static void on_progress(void *ctx, size_t done, size_t total)
{
    job *jb = ctx;
    serve_jobs *j = jb->owner;
    pthread_mutex_lock(&j->lock);
    jb->done = done;
    jb->total = total;
    if (now() > jb->deadline && !__atomic_load_n(&jb->cancel, __ATOMIC_RELAXED)) {
        jb->timed_out = 1;
        __atomic_store_n(&jb->cancel, 1, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&j->lock);
}

static void *job_main(void *arg)
{
    job *jb = arg;
    serve_jobs *j = jb->owner;
    char *result = NULL;
    fc_error err;
    fc_error_clear(&err);
    fc_status st = serve_execute(&jb->call, &result, &err);
    long run_id = 0;
    if (!st && j->store) {
        fc_error serr;
        fc_error_clear(&serr);
        if (serve_store_record(j->store, &jb->call, result, &run_id, &serr))
            run_id = -1; /* kept nowhere: the job's JSON says so */
    }
    pthread_mutex_lock(&j->lock);
    jb->finished = now();
    if (!st) {
        jb->state = JOB_DONE;
        jb->result = result;
        jb->done = jb->total;
        jb->run_id = run_id;
    } else {
        free(result);
        jb->err = err;
        jb->state = strcmp(err.field, "cancel") == 0 ? JOB_CANCELLED : JOB_FAILED;
        if (jb->timed_out)
            fc_error_set(&jb->err, FC_EUSAGE, NULL, 0, 0, "cancel",
                         "the sweep ran longer than the server allows (%.0f s) and was stopped", j->seconds);
    }
    j->running--;
    pthread_mutex_unlock(&j->lock);
    return NULL;
}

static char *dup_text(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        if (n)
            memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

fc_status serve_jobs_start(serve_jobs *j, const serve_call *c, long *id, fc_error *err)
{
    *id = 0;
    job *jb = calloc(1, sizeof *jb);
    if (!jb)
        return fc_error_nomem(err);
    jb->joined = 1; /* until the thread exists */
    jb->owner = j;
    jb->params = calloc(c->n_params ? c->n_params : 1, sizeof *jb->params);
    jb->body = dup_text(c->body ? c->body : "", c->body_len);
    int ok = jb->params && jb->body;
    for (size_t i = 0; ok && i < c->n_params; i++) {
        jb->params[i].key = dup_text(c->params[i].key, strlen(c->params[i].key));
        jb->params[i].value = dup_text(c->params[i].value, strlen(c->params[i].value));
        jb->call.n_params = i + 1;
        ok = jb->params[i].key && jb->params[i].value;
    }
    if (!ok) {
        job_free(jb);
        return fc_error_nomem(err);
    }
    jb->call.command = "sweep";
    jb->call.params = jb->params;
    jb->call.format = c->format; /* a string literal of the server's */
    jb->call.body = jb->body;
    jb->call.body_len = c->body_len;
    jb->call.progress = on_progress;
    jb->call.progress_ctx = jb;
    jb->call.cancel = &jb->cancel;
    jb->call.max_runs = j->max_runs;

    pthread_mutex_lock(&j->lock);
    if (j->running >= j->max_running) {
        pthread_mutex_unlock(&j->lock);
        job_free(jb);
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "jobs",
                            "%u sweeps are running already; wait for one or cancel it", j->max_running);
    }
    /* The slot of the job KEEP ids ago is reused; a job still running there is kept (it
     * cannot be: at most max_running < KEEP run at once, and they are the newest). */
    long jid = j->next_id;
    job *old = j->jobs[jid % KEEP];
    if (old && old->state == JOB_RUNNING) {
        pthread_mutex_unlock(&j->lock);
        job_free(jb);
        return fc_error_set(err, FC_EUSAGE, NULL, 0, 0, "jobs", "too many jobs");
    }
    j->next_id++;
    jb->id = jid;
    jb->state = JOB_RUNNING;
    jb->started = now();
    jb->deadline = jb->started + j->seconds;
    j->jobs[jid % KEEP] = jb;
    j->running++;
    jb->joined = 0;
    if (pthread_create(&jb->thread, NULL, job_main, jb) != 0) {
        jb->joined = 1;
        j->jobs[jid % KEEP] = old;
        j->running--;
        pthread_mutex_unlock(&j->lock);
        job_free(jb);
        return fc_error_set(err, FC_EINTERNAL, NULL, 0, 0, "jobs", "could not start a thread for the sweep");
    }
    pthread_mutex_unlock(&j->lock);
    job_free(old); /* finished: its thread is joined here */
    *id = jid;
    return FC_OK;
}

static job *find(serve_jobs *j, long id)
{
    job *jb = id > 0 ? j->jobs[id % KEEP] : NULL;
    return jb && jb->id == id ? jb : NULL;
}

static void job_json(serve_buf *b, job *jb, int with_result)
{
    serve_buf_printf(b, "{\"id\":%ld,\"state\":\"%s\",\"done\":%zu,\"total\":%zu,\"seconds\":%.3f", jb->id,
                     state_names[jb->state], jb->done, jb->total,
                     (jb->state == JOB_RUNNING ? now() : jb->finished) - jb->started);
    if (jb->state == JOB_DONE)
        serve_buf_printf(b, ",\"run\":%ld", jb->run_id);
    if (jb->state == JOB_FAILED || jb->state == JOB_CANCELLED) {
        serve_buf_puts(b, ",\"error\":");
        serve_buf_error(b, &jb->err);
    }
    if (with_result && jb->state == JOB_DONE) {
        serve_buf_puts(b, ",\"result\":");
        serve_buf_puts(b, jb->result);
    }
    serve_buf_puts(b, "}");
}

int serve_jobs_json(serve_jobs *j, long id, int with_result, serve_buf *b)
{
    pthread_mutex_lock(&j->lock);
    job *jb = find(j, id);
    if (jb)
        job_json(b, jb, with_result);
    pthread_mutex_unlock(&j->lock);
    return jb != NULL;
}

void serve_jobs_list_json(serve_jobs *j, serve_buf *b)
{
    pthread_mutex_lock(&j->lock);
    serve_buf_puts(b, "[");
    int n = 0;
    for (long id = j->next_id - 1; id > 0 && id >= j->next_id - KEEP; id--) {
        job *jb = find(j, id);
        if (!jb)
            continue;
        if (n++)
            serve_buf_puts(b, ",");
        job_json(b, jb, 0);
    }
    serve_buf_puts(b, "]");
    pthread_mutex_unlock(&j->lock);
}

int serve_jobs_cancel(serve_jobs *j, long id)
{
    pthread_mutex_lock(&j->lock);
    job *jb = find(j, id);
    if (jb)
        __atomic_store_n(&jb->cancel, 1, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&j->lock);
    return jb != NULL;
}

void serve_jobs_free(serve_jobs *j)
{
    if (!j)
        return;
    pthread_mutex_lock(&j->lock);
    for (size_t i = 0; i < KEEP; i++)
        if (j->jobs[i])
            __atomic_store_n(&j->jobs[i]->cancel, 1, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&j->lock);
    for (size_t i = 0; i < KEEP; i++)
        job_free(j->jobs[i]);
    pthread_mutex_destroy(&j->lock);
    free(j);
}
