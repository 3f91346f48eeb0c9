/* Test helper: lists every .nfg/.efg file under the shared game data, sorted. */
#ifndef TEST_GAME_FILES_H
#define TEST_GAME_FILES_H

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct game_files {
    char **path;
    size_t n, cap;
} game_files;

static int gf_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void gf_walk(game_files *gf, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        snprintf(p, n, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            gf_walk(gf, p);
            free(p);
            continue;
        }
        size_t l = strlen(p);
        if (l > 4 && (strcmp(p + l - 4, ".nfg") == 0 || strcmp(p + l - 4, ".efg") == 0)) {
            if (gf->n == gf->cap) {
                gf->cap = gf->cap ? gf->cap * 2 : 64;
                gf->path = realloc(gf->path, gf->cap * sizeof(char *));
            }
            gf->path[gf->n++] = p;
        } else {
            free(p);
        }
    }
    closedir(d);
}

static void gf_list(game_files *gf, const char *dir)
{
    memset(gf, 0, sizeof *gf);
    gf_walk(gf, dir);
    qsort(gf->path, gf->n, sizeof(char *), gf_cmp);
}

static void gf_free(game_files *gf)
{
    for (size_t i = 0; i < gf->n; i++)
        free(gf->path[i]);
    free(gf->path);
}

#endif
