/* What happens when GMP cannot allocate. GMP's own functions print "GNU MP: Cannot allocate
 * memory" and abort (exit 134, a core file); a program may instead have Fulcrum's, which end
 * the process with its own message and status. Only a program sets this: a library client
 * may share GMP with code that expects GMP's defaults. */
#include "fulcrum/game.h"

#include <gmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char oom_message[256];
static int oom_status = 1;

static void out_of_memory(void)
{
    /* Nothing that allocates: write(2), then _exit, as the heap may be in any state. */
    size_t len = strlen(oom_message);
    ssize_t w = write(STDERR_FILENO, oom_message, len);
    (void)w;
    _exit(oom_status);
}

static void *oom_alloc(size_t n)
{
    void *p = malloc(n);
    if (!p)
        out_of_memory();
    return p;
}

static void *oom_realloc(void *p, size_t old, size_t n)
{
    (void)old;
    void *q = realloc(p, n);
    if (!q)
        out_of_memory();
    return q;
}

static void oom_free(void *p, size_t n)
{
    (void)n;
    free(p);
}

void fc_game_exit_on_oom(const char *message, int status)
{
    snprintf(oom_message, sizeof oom_message, "%s\n", message ? message : "out of memory");
    oom_status = status;
    mp_set_memory_functions(oom_alloc, oom_realloc, oom_free);
}
