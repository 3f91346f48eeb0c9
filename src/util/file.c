/* Whole-file reads with a size limit, and whole-or-nothing writes: the data goes to a
 * temporary file in the target's folder, is flushed to disk, then renamed over the target,
 * so a reader never sees half a file and a failed run leaves the old file as it was. */
#include "fulcrum/util.h"

#include "util/dtoa.h"

#include <errno.h>
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

fc_status fc_file_write_atomic(const char *path, const void *data, size_t len, fc_error *err)
{
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp)
        return fc_error_set(err, FC_ENOMEM, path, 0, 0, NULL, "out of memory");
    snprintf(tmp, plen + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fc_status st = fc_error_set(err, FC_EIO, path, 0, 0, NULL, "cannot create a temporary file: %s",
                                    strerror(errno));
        free(tmp);
        return st;
    }
    const char *p = data;
    size_t left = len;
    while (left > 0) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            goto fail;
        }
        p += w;
        left -= (size_t)w;
    }
    if (fsync(fd) != 0)
        goto fail;
    /* mkstemp creates 0600; an output file should have the usual permissions. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto fail;
    free(tmp);
    return FC_OK;
fail:;
    int saved = errno;
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return fc_error_set(err, FC_EIO, path, 0, 0, NULL, "cannot write: %s", strerror(saved));
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
