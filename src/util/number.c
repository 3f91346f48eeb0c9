/* The one parser of finite decimal numbers that every reader and option setter of the library
 * uses, so a scenario, a CSV table, a DEU table, a KTAB file and a --set value agree on what a
 * number is. The syntax is documented in include/fulcrum/util.h (fc_number_parse). */
#include "fulcrum/util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Checks the decimal syntax by hand before strtod sees the text: strtod alone would also take
 * hexadecimal, "inf", "nan(...)" and stop silently at the first character it does not know. */
fc_number_status fc_number_parse(const char *s, double *out)
{
    if (!s)
        return FC_NUMBER_EMPTY;
    while (is_space(*s))
        s++;
    size_t end = strlen(s);
    while (end > 0 && is_space(s[end - 1]))
        end--;
    if (end == 0)
        return FC_NUMBER_EMPTY;
    size_t i = 0, digits = 0;
    if (s[i] == '+' || s[i] == '-')
        i++;
    /* Spelled-out infinities and NaNs get their own status: the message can say why. */
    if (i < end && (s[i] == 'i' || s[i] == 'I' || s[i] == 'n' || s[i] == 'N' || s[i] == '.')) {
        char word[4] = {0};
        size_t k = s[i] == '.' ? i + 1 : i;
        for (size_t w = 0; w < 3 && k + w < end; w++)
            word[w] = (char)(s[k + w] | 0x20);
        if (strcmp(word, "inf") == 0 || strcmp(word, "nan") == 0)
            return FC_NUMBER_NOT_FINITE;
    }
    while (i < end && is_digit(s[i]))
        i++, digits++;
    if (i < end && s[i] == '.') {
        i++;
        while (i < end && is_digit(s[i]))
            i++, digits++;
    }
    if (digits == 0)
        return FC_NUMBER_SYNTAX;
    if (i < end && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < end && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exp_digits = 0;
        while (i < end && is_digit(s[i]))
            i++, exp_digits++;
        if (exp_digits == 0)
            return FC_NUMBER_SYNTAX;
    }
    if (i != end)
        return FC_NUMBER_SYNTAX;
    errno = 0;
    char *stop;
    double v = strtod(s, &stop);
    if ((size_t)(stop - s) != end)
        return FC_NUMBER_SYNTAX;
    /* ERANGE with a huge result is overflow; with a tiny one it is underflow, which keeps the
     * correctly rounded subnormal or zero: 1e-400 is as close to zero as a double gets. */
    if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
        return FC_NUMBER_RANGE;
    *out = v;
    return FC_NUMBER_OK;
}

const char *fc_number_status_text(fc_number_status st)
{
    switch (st) {
    case FC_NUMBER_OK: return "a number";
    case FC_NUMBER_EMPTY: return "empty, not a number";
    case FC_NUMBER_SYNTAX: return "not a number";
    case FC_NUMBER_NOT_FINITE: return "not a finite number (NaN or infinite)";
    case FC_NUMBER_RANGE: return "too large for a double";
    }
    return "not a number";
}
