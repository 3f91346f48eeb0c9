/* fulcrum serve: the local workbench. Starts the server (server/), prints the address to
 * open and runs until interrupted (Ctrl-C, SIGTERM). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "serve.h"
#include "tool.h"

#define MAX_HOSTS 16

static void usage(FILE *out)
{
    fprintf(out,
            "usage: fulcrum serve [FILE|DIR] [options]\n"
            "\n"
            "Serves the workbench: a page to edit a case and run every analysis on it, and a\n"
            "JSON API under /api/ (docs/api.md). FILE, or the scenario files of DIR, are offered\n"
            "by the page besides the built-in case. Listens on the loopback address only\n"
            "unless --bind says otherwise; prints the address to open. Ctrl-C stops it.\n"
            "\n"
            "options:\n"
            "  --port N              the port (default 8080; 0: any free port)\n"
            "  --bind ADDR           the address to listen on (default 127.0.0.1)\n"
            "  --store PATH          keep every run in this SQLite file (default: $FULCRUM_STORE,\n"
            "                        or no store)\n"
            "  --allow-host NAME     answer requests addressed to NAME too (repeatable)\n"
            "  --threads N           HTTP threads (default 2)\n"
            "  --job-seconds S       the longest a sweep may run (default 600)\n"
            "  --max-runs N          the most runs a sweep may ask for (default 200000)\n"
            "  --help                this text\n");
}

static int whole(const char *v, unsigned long max, unsigned long *out)
{
    char *end;
    if (!v || !*v || *v == '-')
        return 0;
    unsigned long x = strtoul(v, &end, 10);
    if (*end || x > max)
        return 0;
    *out = x;
    return 1;
}

int cmd_serve(int argc, char **argv)
{
    serve_options o;
    serve_options_init(&o);
    o.port = 8080;
    o.store = getenv("FULCRUM_STORE");
    if (o.store && !*o.store)
        o.store = NULL;
    const char *hosts[MAX_HOSTS];
    size_t n_hosts = 0;
    const char *v;
    unsigned long x;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        }
        const tool_text_option text_options[] = {{"--bind", &o.bind}, {"--store", &o.store}};
        int took = tool_take_text_option(argc, argv, &i, "serve", text_options, 2);
        if (took < 0)
            return EXIT_USAGE;
        if (took)
            continue;
        if (tool_option_value(argc, argv, &i, "--port", &v)) {
            if (!whole(v, 65535, &x))
                return tool_usage_error("serve", "--port needs a whole number from 0 to 65535");
            o.port = (unsigned)x;
        } else if (tool_option_value(argc, argv, &i, "--threads", &v)) {
            if (!whole(v, 256, &x) || x < 1)
                return tool_usage_error("serve", "--threads needs a whole number from 1 to 256");
            o.threads = (unsigned)x;
        } else if (tool_option_value(argc, argv, &i, "--job-seconds", &v)) {
            if (!whole(v, 86400, &x) || x < 1)
                return tool_usage_error("serve", "--job-seconds needs a whole number from 1 to 86400");
            o.job_seconds = (double)x;
        } else if (tool_option_value(argc, argv, &i, "--max-runs", &v)) {
            if (!whole(v, 100000000, &x) || x < 1)
                return tool_usage_error("serve", "--max-runs needs a whole number from 1 to 100000000");
            o.max_runs = x;
        } else if (tool_option_value(argc, argv, &i, "--allow-host", &v)) {
            if (!v || !*v)
                return tool_usage_error("serve", "--allow-host needs a host name");
            if (n_hosts >= MAX_HOSTS)
                return tool_usage_error("serve", "at most %d --allow-host", MAX_HOSTS);
            hosts[n_hosts++] = v;
        } else if (arg[0] == '-' && arg[1] != '\0') {
            return tool_usage_error("serve", "unknown option '%s'", arg);
        } else if (o.root) {
            return tool_usage_error("serve", "one file or folder at a time ('%s' and '%s')", o.root, arg);
        } else {
            o.root = arg;
        }
    }
    o.allow_hosts = hosts;
    o.n_allow_hosts = n_hosts;

    /* The signals are blocked before the server's threads start, so that they inherit the
     * mask and this thread alone receives them, in sigwait. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    fc_error err;
    fc_error_clear(&err);
    serve_server *s = NULL;
    if (serve_start(&o, &s, &err)) {
        if (strcmp(err.field, "port") == 0)
            snprintf(err.field, sizeof err.field, "--port");
        else if (strcmp(err.field, "bind") == 0)
            snprintf(err.field, sizeof err.field, "--bind");
        else if (strcmp(err.field, "store") == 0)
            snprintf(err.field, sizeof err.field, "--store");
        return tool_fail(&err);
    }
    printf("fulcrum serve: open %s\n", serve_url(s));
    if (o.store)
        printf("fulcrum serve: keeping runs in %s\n", o.store);
    printf("fulcrum serve: Ctrl-C stops\n");
    fflush(stdout);
    int sig = 0;
    sigwait(&stop, &sig);
    fprintf(stderr, "fulcrum serve: stopping\n");
    serve_stop(s);
    return EXIT_OK;
}
