/* Whole-file reads with a size limit, and whole-or-nothing writes: the data goes to a
 * temporary file in the target's folder, is flushed to disk, then renamed over the target,
 * so a reader never sees half a file and a failed run leaves the old file as it was. */
#include "fulcrum/util.h"

#include "util/dtoa.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

fc_status fc_file_read(const char *path, size_t max_bytes, char **data, size_t *len, fc_error *err)
{
    *data = NULL;
    if (len)
        *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return fc_error_set(err, FC_EIO, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return fc_error_set(err, FC_EIO, path, 0, 0, NULL, "is a directory, not a file");
    }
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max_bytes) {
        fclose(f);
        return fc_error_set(err, FC_EINPUT, path, 0, 0, NULL, "file is larger than the limit of %zu bytes",
                            max_bytes);
    }
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    if (!buf) {
        fclose(f);
        return fc_error_set(err, FC_ENOMEM, path, 0, 0, NULL, "out of memory");
    }
    for (;;) {
        if (n == cap) {
            if (cap > max_bytes) {
                free(buf);
                fclose(f);
                return fc_error_set(err, FC_EINPUT, path, 0, 0, NULL,
                                    "file is larger than the limit of %zu bytes", max_bytes);
            }
            cap *= 2;
            char *grown = realloc(buf, cap + 1);
            if (!grown) {
                free(buf);
                fclose(f);
                return fc_error_set(err, FC_ENOMEM, path, 0, 0, NULL, "out of memory");
            }
            buf = grown;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        return fc_error_set(err, FC_EIO, path, 0, 0, NULL, "read error");
    }
    if (n > max_bytes) {
        free(buf);
        return fc_error_set(err, FC_EINPUT, path, 0, 0, NULL,
                            "file is larger than the limit of %zu bytes", max_bytes);
    }
    buf[n] = '\0';
    *data = buf;
    if (len)
        *len = n;
    return FC_OK;
}

/* ---- Writing: the rules are in util.h and docs/cli.md. ---- */

struct fc_file_writer {
    int fd;
    int direct;   /* writing straight into a device or FIFO: nothing to rename */
    char *target; /* the file that is replaced (a symlink's final target) */
    char *tmp;    /* the temporary file beside it; NULL when direct */
};

void fc_file_write_options_init(fc_file_write_options *o)
{
    o->protect = NULL;
    o->n_protect = 0;
}

static fc_status write_error(fc_error *err, const char *path, const char *what, int e)
{
    return fc_error_set(err, FC_EIO, path, 0, 0, NULL, "%s: %s", what, strerror(e));
}

/* Follows symbolic links to the path that is really written (which may not exist yet): a
 * relative link is relative to the folder of the link. At most 40 links, as the kernel. */
static fc_status resolve_links(const char *path, char **out, fc_error *err)
{
    char *cur = strdup(path);
    if (!cur)
        return fc_error_nomem(err);
    for (int hops = 0;; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode)) {
            *out = cur;
            return FC_OK;
        }
        if (hops == 40) {
            free(cur);
            return fc_error_set(err, FC_EIO, path, 0, 0, NULL, "too many levels of symbolic links");
        }
        char link[PATH_MAX];
        ssize_t n = readlink(cur, link, sizeof link - 1);
        if (n < 0) {
            fc_status r = write_error(err, path, "cannot read the symbolic link", errno);
            free(cur);
            return r;
        }
        link[n] = '\0';
        const char *slash = strrchr(cur, '/');
        size_t dir_len = link[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
        char *next = malloc(dir_len + (size_t)n + 1);
        if (!next) {
            free(cur);
            return fc_error_nomem(err);
        }
        memcpy(next, cur, dir_len);
        memcpy(next + dir_len, link, (size_t)n + 1);
        free(cur);
        cur = next;
    }
}

/* A temporary name that says which process owns it (for fc_file_clean_stale) and that no other
 * thread of this process picks at the same time. */
static _Atomic unsigned long tmp_counter;

static fc_status create_temporary(fc_file_writer *w, const char *path, fc_error *err)
{
    size_t size = strlen(w->target) + 64;
    w->tmp = malloc(size);
    if (!w->tmp)
        return fc_error_nomem(err);
    for (int attempt = 0; attempt < 100; attempt++) {
        snprintf(w->tmp, size, "%s.tmp.%ld.%lu", w->target, (long)getpid(), ++tmp_counter);
        /* 0666: the kernel applies the process's umask as for any new file (mkstemp would make
         * it 0600, and changing the umask would race with other threads). */
        w->fd = open(w->tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0666);
        if (w->fd >= 0)
            return FC_OK;
        if (errno != EEXIST)
            break;
    }
    fc_status r = write_error(err, path, "cannot create a temporary file beside it", errno);
    free(w->tmp);
    w->tmp = NULL;
    return r;
}

static void writer_free(fc_file_writer *w)
{
    free(w->target);
    free(w->tmp);
    free(w);
}

fc_status fc_file_write_begin(const char *path, const fc_file_write_options *o, fc_file_writer **out,
                              fc_error *err)
{
    *out = NULL;
    fc_file_writer *w = calloc(1, sizeof *w);
    if (!w)
        return fc_error_nomem(err);
    w->fd = -1;
    fc_status r = resolve_links(path, &w->target, err);
    if (r) {
        free(w);
        return r;
    }
    struct stat st;
    int exists = stat(w->target, &st) == 0;
    if (!exists && errno != ENOENT) {
        r = write_error(err, path, "cannot write", errno);
        goto fail;
    }
    if (exists && o) {
        for (size_t i = 0; i < o->n_protect; i++) {
            struct stat in;
            if (o->protect[i] && stat(o->protect[i], &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino) {
                r = fc_error_set(err, FC_EUSAGE, path, 0, 0, NULL,
                                 "is also an input of this run (%s); it is not overwritten", o->protect[i]);
                goto fail;
            }
        }
    }
    if (exists && S_ISDIR(st.st_mode)) {
        r = fc_error_set(err, FC_EIO, path, 0, 0, NULL, "is a directory");
        goto fail;
    }
    if (exists && !S_ISREG(st.st_mode)) {
        /* A device or a FIFO is a destination, not a file to replace. */
        w->fd = open(w->target, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (w->fd < 0) {
            r = write_error(err, path, "cannot open", errno);
            goto fail;
        }
        w->direct = 1;
        *out = w;
        return FC_OK;
    }
    /* A file its owner made read-only is kept so, even for a user (root) who could write it. */
    if (exists && ((st.st_mode & 0222) == 0 || access(w->target, W_OK) != 0)) {
        r = fc_error_set(err, FC_EIO, path, 0, 0, NULL, "is read-only; it is left as it is");
        goto fail;
    }
    if ((r = create_temporary(w, path, err)))
        goto fail;
    if (exists && fchmod(w->fd, st.st_mode & 07777) != 0) {
        r = write_error(err, path, "cannot keep the file's mode", errno);
        fc_file_write_abort(w);
        return r;
    }
    *out = w;
    return FC_OK;
fail:
    writer_free(w);
    return r;
}

fc_status fc_file_write_chunk(fc_file_writer *w, const void *data, size_t len, fc_error *err)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(w->fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return write_error(err, w->target, "cannot write", errno);
        }
        p += n;
        len -= (size_t)n;
    }
    return FC_OK;
}

fc_status fc_file_write_commit(fc_file_writer *w, fc_error *err)
{
    fc_status r = FC_OK;
    if (w->direct) {
        if (close(w->fd) != 0)
            r = write_error(err, w->target, "cannot write", errno);
        writer_free(w);
        return r;
    }
    if (fsync(w->fd) != 0) {
        r = write_error(err, w->target, "cannot write", errno);
        fc_file_write_abort(w);
        return r;
    }
    int fd = w->fd;
    w->fd = -1;
    if (close(fd) != 0 || rename(w->tmp, w->target) != 0) {
        r = write_error(err, w->target, "cannot write", errno);
        fc_file_write_abort(w);
        return r;
    }
    writer_free(w);
    return FC_OK;
}

void fc_file_write_abort(fc_file_writer *w)
{
    if (!w)
        return;
    if (w->fd >= 0)
        close(w->fd);
    if (w->tmp)
        unlink(w->tmp);
    writer_free(w);
}

fc_status fc_file_write_atomic_with(const char *path, const void *data, size_t len,
                                    const fc_file_write_options *o, fc_error *err)
{
    fc_file_writer *w;
    fc_status r = fc_file_write_begin(path, o, &w, err);
    if (r)
        return r;
    if ((r = fc_file_write_chunk(w, data, len, err))) {
        fc_file_write_abort(w);
        return r;
    }
    return fc_file_write_commit(w, err);
}

fc_status fc_file_write_atomic(const char *path, const void *data, size_t len, fc_error *err)
{
    return fc_file_write_atomic_with(path, data, len, NULL, err);
}

size_t fc_file_clean_stale(const char *path)
{
    char *target;
    if (resolve_links(path, &target, NULL))
        return 0;
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    char dir[PATH_MAX];
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - target) + 1, target);
    else
        snprintf(dir, sizeof dir, ".");
    size_t base_len = strlen(base), removed = 0;
    DIR *d = opendir(dir);
    if (!d) {
        free(target);
        return 0;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        /* NAME.tmp.PID.N with PID a process that no longer runs. */
        if (strncmp(e->d_name, base, base_len) != 0 || strncmp(e->d_name + base_len, ".tmp.", 5) != 0)
            continue;
        char *endp;
        long pid = strtol(e->d_name + base_len + 5, &endp, 10);
        if (pid <= 0 || *endp != '.' || pid == (long)getpid())
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* still running (or someone else's): its file is not stale */
        char full[PATH_MAX * 2];
        snprintf(full, sizeof full, "%s%s", slash ? dir : "", e->d_name);
        if (unlink(full) == 0)
            removed++;
    }
    closedir(d);
    free(target);
    return removed;
}

int fc_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = u[i];
        size_t need;
        unsigned min;
        if (c < 0x80) {
            if (c == 0)
                goto bad;
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            need = 1, min = 0x80, c &= 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            need = 2, min = 0x800, c &= 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            need = 3, min = 0x10000, c &= 0x07;
        } else {
            goto bad;
        }
        for (size_t k = 1; k <= need; k++) {
            if (i + k >= len || (u[i + k] & 0xC0) != 0x80)
                goto bad;
            c = (c << 6) | (u[i + k] & 0x3F);
        }
        if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            goto bad;
        i += need + 1;
    }
    return 1;
bad:
    if (bad_offset)
        *bad_offset = i;
    return 0;
}

void fc_format_double(char *buf, size_t size, double v)
{
    /* The shortest "%.Pg" that reads back, whole numbers below 1e15 as such (50, not the
     * shorter 5e+01): util_dtoa computes what the search by snprintf and strtod found. */
    char num[UTIL_DTOA_SIZE];
    size_t n = util_dtoa(v, num);
    if (size == 0)
        return;
    if (n >= size)
        n = size - 1;
    memcpy(buf, num, n);
    buf[n] = '\0';
}

const char *fc_version(void)
{
#ifdef FULCRUM_VERSION
    return FULCRUM_VERSION;
#else
    return "unknown";
#endif
}

void fc_free(void *p)
{
    free(p);
}
