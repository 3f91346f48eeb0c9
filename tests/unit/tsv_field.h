/* Test helper: splitting one line of a tab-separated file (reference.tsv) in place. */
#ifndef FULCRUM_TESTS_TSV_FIELD_H
#define FULCRUM_TESTS_TSV_FIELD_H

#include <string.h>

/* Returns the field at *p, cut at its tab (or at the line's end), and moves *p past it. */
static char *tsv_field(char **p)
{
    char *s = *p, *t = strchr(s, '\t');
    if (t) {
        *t = '\0';
        *p = t + 1;
    } else {
        s[strcspn(s, "\n")] = '\0';
        *p = s + strlen(s);
    }
    return s;
}

#endif
