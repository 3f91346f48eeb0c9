/* What every chart kind shares: palette, fonts, text wrapping, the two label placers
 * (a skyline beside a line, a 1-D spread beside an axis), nice ticks and the issue ruler
 * with its anchor texts. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fulcrum/util.h"
#include "report/chart_internal.h"
#include "util/strutil.h"

/* Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
 * colour blindness. Black is kept for the forecasts, and yellow (#F0E442), which vanishes on
 * white paper, is darkened; grey completes the eight. */
static const unsigned okabe_ito[] = {0x0072B2, 0xE69F00, 0x009E73, 0xD55E00,
                                     0xCC79A7, 0x56B4E9, 0xB09A00, 0x7F7F7F};
#define N_PALETTE (sizeof okabe_ito / sizeof okabe_ito[0])

unsigned fc_chart_actor_color(size_t i)
{
    return okabe_ito[i % N_PALETTE];
}

unsigned chart_series_color(size_t k)
{
    static const unsigned series[] = {0x0072B2, 0xD55E00, 0x009E73, 0xCC79A7, 0xE69F00, 0x56B4E9};
    return series[k % (sizeof series / sizeof series[0])];
}

void chart_rgb(cairo_t *cr, unsigned rgb, double alpha)
{
    cairo_set_source_rgba(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                          (rgb & 0xFF) / 255.0, alpha);
}

void chart_marker(cairo_t *cr, size_t actor, double x, double y, double r)
{
    switch ((actor / N_PALETTE) % 4) {
    case 0:
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, r, 0, 2 * M_PI);
        break;
    case 1: {
        double s = r * 0.886; /* same area as the circle */
        cairo_rectangle(cr, x - s, y - s, 2 * s, 2 * s);
        break;
    }
    case 2: {
        double s = r * 1.347;
        cairo_move_to(cr, x, y - s);
        cairo_line_to(cr, x + s * 0.866, y + s * 0.5);
        cairo_line_to(cr, x - s * 0.866, y + s * 0.5);
        cairo_close_path(cr);
        break;
    }
    default: {
        double s = r * 1.253;
        cairo_move_to(cr, x, y - s);
        cairo_line_to(cr, x + s, y);
        cairo_line_to(cr, x, y + s);
        cairo_line_to(cr, x - s, y);
        cairo_close_path(cr);
        break;
    }
    }
}

void chart_actor_dash(cairo_t *cr, size_t actor)
{
    static const double dashes[4][2] = {{0, 0}, {7, 3}, {2, 3}, {9, 3}};
    size_t k = (actor / N_PALETTE) % 4;
    if (k == 0)
        cairo_set_dash(cr, NULL, 0, 0);
    else
        cairo_set_dash(cr, dashes[k], 2, 0);
}

void chart_font(chart_ctx *c, cairo_t *cr, double size, int bold, int italic)
{
    cairo_select_font_face(cr, c->font, italic ? CAIRO_FONT_SLANT_ITALIC : CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, c->fs * size);
}

double chart_text_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t e;
    cairo_text_extents(cr, s, &e);
    return e.x_advance;
}

double chart_line_height(cairo_t *cr)
{
    cairo_font_extents_t e;
    cairo_font_extents(cr, &e);
    return e.ascent + e.descent;
}

double chart_ascent(cairo_t *cr)
{
    cairo_font_extents_t e;
    cairo_font_extents(cr, &e);
    return e.ascent;
}

/* SVG charts carry their text as <text> elements, not as cairo's glyph outlines, so that a
 * reader can search and copy it and the file stays small: while a recorder is attached to the
 * cairo context (chart_svg_text_attach), chart_text writes the element instead of drawing. */
static const cairo_user_data_key_t svg_text_key;

void chart_svg_text_attach(cairo_t *cr, fc_buf *texts)
{
    cairo_set_user_data(cr, &svg_text_key, texts, NULL);
}

static void xml_escaped(fc_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fc_buf_puts(b, "&amp;"); break;
        case '<': fc_buf_puts(b, "&lt;"); break;
        case '>': fc_buf_puts(b, "&gt;"); break;
        case '"': fc_buf_puts(b, "&quot;"); break;
        default: fc_buf_append(b, s, 1);
        }
    }
}

/* One <text> at the baseline's start (x, y) in user space, in the current font and colour.
 * textLength holds it to the width cairo measured, so the browser's font (DejaVu Sans where
 * installed, as here) cannot push a label into its neighbour. */
static void svg_text(cairo_t *cr, fc_buf *b, double x, double y, const char *s, double w)
{
    cairo_user_to_device(cr, &x, &y);
    cairo_matrix_t fm;
    cairo_get_font_matrix(cr, &fm);
    double r = 0, g = 0, bl = 0, a = 1;
    cairo_pattern_get_rgba(cairo_get_source(cr), &r, &g, &bl, &a);
    cairo_font_face_t *face = cairo_get_font_face(cr);
    int bold = cairo_toy_font_face_get_weight(face) == CAIRO_FONT_WEIGHT_BOLD;
    int italic = cairo_toy_font_face_get_slant(face) != CAIRO_FONT_SLANT_NORMAL;
    fc_buf_printf(b, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\" fill=\"#%02x%02x%02x\"", x, y, fm.xx,
                  (unsigned)lround(r * 255), (unsigned)lround(g * 255), (unsigned)lround(bl * 255));
    if (a < 1)
        fc_buf_printf(b, " fill-opacity=\"%.3g\"", a);
    if (bold)
        fc_buf_puts(b, " font-weight=\"bold\"");
    if (italic)
        fc_buf_puts(b, " font-style=\"italic\"");
    if (w > 0)
        fc_buf_printf(b, " textLength=\"%.2f\" lengthAdjust=\"spacingAndGlyphs\"", w);
    fc_buf_puts(b, ">");
    xml_escaped(b, s);
    fc_buf_puts(b, "</text>\n");
}

void chart_text(cairo_t *cr, double x, double y, const char *s, int align)
{
    double w = chart_text_width(cr, s);
    double x0 = align == 1 ? x - w / 2 : align == 2 ? x - w : x;
    fc_buf *texts = cairo_get_user_data(cr, &svg_text_key);
    if (texts) {
        svg_text(cr, texts, x0, y + chart_ascent(cr), s, w);
        return;
    }
    cairo_move_to(cr, x0, y + chart_ascent(cr));
    cairo_show_text(cr, s);
    cairo_new_path(cr);
}

/* Copies s into dst (size bytes) cutting it, at a UTF-8 boundary, so that it and a trailing
 * ellipsis fit max_w. */
static void fit_with_ellipsis(cairo_t *cr, const char *s, double max_w, char *dst, size_t size)
{
    char tmp[160];
    size_t n = strlen(s);
    if (n >= sizeof tmp - 4)
        n = sizeof tmp - 4;
    while (n > 0) {
        while (n > 0 && (s[n] & 0xC0) == 0x80)
            n--;
        memcpy(tmp, s, n);
        memcpy(tmp + n, "\xE2\x80\xA6", 4);
        if (chart_text_width(cr, tmp) <= max_w)
            break;
        n--;
    }
    if (n == 0)
        memcpy(tmp, "\xE2\x80\xA6", 4);
    snprintf(dst, size, "%s", tmp);
}

void chart_wrap(cairo_t *cr, const char *text, double max_w, size_t max_lines, chart_lines *out)
{
    memset(out, 0, sizeof *out);
    if (max_lines > CHART_MAX_LINES)
        max_lines = CHART_MAX_LINES;
    const char *p = text;
    char cur[128] = "";
    while (*p && out->n < max_lines) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        char word[128];
        size_t wl = (size_t)(e - p) < sizeof word - 1 ? (size_t)(e - p) : sizeof word - 1;
        memcpy(word, p, wl);
        word[wl] = '\0';
        char trial[256];
        snprintf(trial, sizeof trial, "%s%s%s", cur, cur[0] ? " " : "", word);
        if (chart_text_width(cr, trial) <= max_w && strlen(trial) < sizeof cur) {
            snprintf(cur, sizeof cur, "%s", trial);
            p = e;
            continue;
        }
        if (!cur[0]) { /* one word wider than the line */
            fit_with_ellipsis(cr, word, max_w, out->line[out->n++], sizeof out->line[0]);
            p = e;
            continue;
        }
        snprintf(out->line[out->n++], sizeof out->line[0], "%s", cur);
        cur[0] = '\0';
    }
    while (*p == ' ')
        p++;
    if (cur[0] && out->n < max_lines) {
        snprintf(out->line[out->n++], sizeof out->line[0], "%s", cur);
    } else if ((cur[0] || *p) && out->n > 0) {
        char longer[260];
        snprintf(longer, sizeof longer, "%s %s", out->line[out->n - 1], cur[0] ? cur : p);
        fit_with_ellipsis(cr, longer, max_w, out->line[out->n - 1], sizeof out->line[0]);
        /* fit_with_ellipsis keeps as much as fits; make sure an ellipsis shows text is cut. */
    }
    for (size_t i = 0; i < out->n; i++) {
        double w = chart_text_width(cr, out->line[i]);
        if (w > out->w)
            out->w = w;
    }
}

void chart_draw_lines(cairo_t *cr, const chart_lines *l, double x, double y, double lh, int align)
{
    for (size_t i = 0; i < l->n; i++) {
        double lx = x;
        if (align == 1)
            lx = x + (l->w - chart_text_width(cr, l->line[i])) / 2;
        else if (align == 2)
            lx = x + l->w - chart_text_width(cr, l->line[i]);
        chart_text(cr, lx, y + (double)i * lh, l->line[i], 0);
    }
}

fc_status chart_nomem(chart_ctx *c)
{
    c->nomem = 1;
    return fc_error_nomem(c->err);
}

long chart_box(chart_ctx *c, double x, double y, double w, double h, const char *text)
{
    if (c->n_boxes == c->cap_boxes) {
        size_t cap = c->cap_boxes ? 2 * c->cap_boxes : 32;
        fc_chart_box *b = realloc(c->boxes, cap * sizeof *b);
        if (!b) {
            c->nomem = 1;
            return -1;
        }
        c->boxes = b;
        c->cap_boxes = cap;
    }
    fc_chart_box *b = &c->boxes[c->n_boxes];
    b->x = x;
    b->y = y;
    b->w = w;
    b->h = h;
    snprintf(b->text, sizeof b->text, "%s", text ? text : "");
    return (long)c->n_boxes++;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Does the segment (ax,ay)-(bx,by) pass through the open rectangle [x0,x1] x [y0,y1]?
 * (Liang-Barsky clipping, with the rectangle shrunk by a hair so that touching is allowed.) */
static int segment_hits_box(double ax, double ay, double bx, double by, double x0, double x1, double y0,
                            double y1)
{
    x0 += 0.5, x1 -= 0.5, y0 += 0.5, y1 -= 0.5;
    if (x1 <= x0 || y1 <= y0)
        return 0;
    double t0 = 0, t1 = 1, dx = bx - ax, dy = by - ay;
    double pp[4] = {-dx, dx, -dy, dy}, qq[4] = {ax - x0, x1 - ax, ay - y0, y1 - ay};
    for (int i = 0; i < 4; i++) {
        if (pp[i] == 0) {
            if (qq[i] < 0)
                return 0;
            continue;
        }
        double t = qq[i] / pp[i];
        if (pp[i] < 0) {
            if (t > t1)
                return 0;
            if (t > t0)
                t0 = t;
        } else {
            if (t < t0)
                return 0;
            if (t < t1)
                t1 = t;
        }
    }
    return t0 < t1;
}

double chart_leader_end(double x, double left, double w)
{
    double lo = left + 2, hi = left + w - 2;
    if (hi < lo)
        lo = hi = left + w / 2;
    return x < lo ? lo : x > hi ? hi : x;
}

static double skyline_once(size_t n, const double *x, const double *w, const double *h, const size_t *order,
                           double xmin, double xmax, double gap, double *left, double *off, size_t *crossings)
{
    enum { N_SHIFTS = 17 };
    unsigned char *placed = calloc(n ? n : 1, 1);
    double *cand = malloc((n + 1) * sizeof *cand);
    double depth = 0;
    if (!placed || !cand) {
        /* Without memory, stack every label on its own level: still no overlap. */
        double o = 0;
        for (size_t k = 0; k < n; k++) {
            left[k] = xmin;
            off[k] = o;
            o += h[k] + gap;
        }
        free(placed);
        free(cand);
        return o;
    }
    for (size_t q = 0; q < n; q++) {
        size_t k = order[q];
        /* Horizontal candidates: centred over the point first, then shifted ever further
         * to either side (the leader then runs at a slant). */
        double lefts[N_SHIFTS];
        for (int s = 0; s < N_SHIFTS; s++) {
            /* centred; then starting or ending just at the point; then further out */
            double l;
            if (s == 0)
                l = x[k] - w[k] / 2;
            else if (s == 1)
                l = x[k] - 3;
            else if (s == 2)
                l = x[k] - w[k] + 3;
            else
                l = x[k] - w[k] / 2 + (double)((s - 1) / 2) * (w[k] / 4 + 6) * (s % 2 ? -1 : 1);
            if (l + w[k] > xmax)
                l = xmax - w[k];
            if (l < xmin)
                l = xmin;
            lefts[s] = l;
        }
        size_t nc = 0;
        cand[nc++] = 0;
        for (size_t j = 0; j < n; j++)
            if (placed[j])
                cand[nc++] = off[j] + h[j] + gap;
        qsort(cand, nc, sizeof *cand, cmp_double);
        int found = 0;
        double best_l = lefts[0], best_o = -1;
        /* strict 2: no crossing, and the box leaves every other label's point uncovered (so
         * that no later leader is blocked); 1: no crossing; 0: no overlap only. */
        for (int strict = 2; strict >= 0 && !found; strict--) {
            if (!strict)
                ++*crossings;
            for (size_t ci = 0; ci < nc && !found; ci++) {
                double o = cand[ci];
                for (int s = 0; s < (strict ? N_SHIFTS : 1) && !found; s++) {
                    double l = lefts[s];
                    double ex = chart_leader_end(x[k], l, w[k]);
                    /* a steep leader only: a label far from its point is no help */
                    if (strict && fabs(ex - x[k]) > 2 * (o + 12))
                        continue;
                    int ok = 1;
                    if (strict == 2)
                        for (size_t j = 0; j < n && ok; j++)
                            if (j != k && fabs(x[j] - x[k]) > 1e-9 && x[j] >= l - 1 && x[j] <= l + w[k] + 1)
                                ok = 0;
                    for (size_t j = 0; j < n && ok; j++) {
                        if (!placed[j])
                            continue;
                        int xo = l < left[j] + w[j] + gap && left[j] < l + w[k] + gap;
                        int yo = o < off[j] + h[j] + gap && off[j] < o + h[k] + gap;
                        if (xo && yo)
                            ok = 0;
                        if (!strict || !ok)
                            continue;
                        /* Our leader through label j, or label j's leader through us? */
                        if (segment_hits_box(x[k], 0, ex, o, left[j] - 1, left[j] + w[j] + 1, off[j] - 1,
                                             off[j] + h[j] + 1))
                            ok = 0;
                        double ej = chart_leader_end(x[j], left[j], w[j]);
                        if (segment_hits_box(x[j], 0, ej, off[j], l - 1, l + w[k] + 1, o - 1, o + h[k] + 1))
                            ok = 0;
                    }
                    if (ok) {
                        found = 1;
                        best_l = l;
                        best_o = o;
                    }
                }
            }
        }
        if (!found) /* cannot happen: the highest candidate is always free */
            best_o = depth + gap;

        left[k] = best_l;
        off[k] = best_o;
        placed[k] = 1;
        if (off[k] + h[k] > depth)
            depth = off[k] + h[k];
    }
    free(placed);
    free(cand);
    return depth;
}

typedef struct {
    double key;
    size_t k;
} keyed;

static int by_key(const void *a, const void *b)
{
    const keyed *p = a, *q = b;
    if (p->key != q->key)
        return p->key < q->key ? -1 : 1;
    return p->k < q->k ? -1 : p->k > q->k;
}

/* Tries the caller's order, three others (narrow labels first, left to right, right to left)
 * and up to 28 fixed shuffles (fewer for many labels), and keeps the placement with the fewest leaders through labels, then the shallowest. */
double chart_place_skyline(size_t n, const double *x, const double *w, const double *h,
                           const size_t *order, double xmin, double xmax, double gap,
                           double *left, double *off, size_t *crossings)
{
    size_t best_cross = (size_t)-1;
    double best_depth = 0;
    double *l2 = malloc((n ? n : 1) * sizeof *l2), *o2 = malloc((n ? n : 1) * sizeof *o2);
    size_t *ord = malloc((n ? n : 1) * sizeof *ord);
    keyed *kk = malloc((n ? n : 1) * sizeof *kk);
    if (!l2 || !o2 || !ord || !kk) {
        free(l2), free(o2), free(ord), free(kk);
        size_t cross = 0;
        double depth = skyline_once(n, x, w, h, order, xmin, xmax, gap, left, off, &cross);
        if (crossings)
            *crossings += cross;
        return depth;
    }
    unsigned long long seed = 0x9E3779B97F4A7C15ULL;
    /* Each attempt costs O(n^3); many labels get fewer attempts. */
    int attempts = n <= 30 ? 32 : n <= 80 ? 4 : 1;
    for (int attempt = 0; attempt < attempts; attempt++) {
        if (attempt == 0 || attempt >= 4) {
            memcpy(ord, order, n * sizeof *ord);
            /* after the four plain orders: fixed pseudo-random shuffles (same every run) */
            for (size_t k = n; attempt >= 4 && k > 1; k--) {
                seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
                size_t j = (size_t)((seed >> 33) % k);
                size_t t = ord[k - 1];
                ord[k - 1] = ord[j];
                ord[j] = t;
            }
        } else {
            for (size_t k = 0; k < n; k++) {
                kk[k].k = k;
                kk[k].key = attempt == 1 ? w[k] : attempt == 2 ? x[k] : -x[k];
            }
            qsort(kk, n, sizeof *kk, by_key);
            for (size_t k = 0; k < n; k++)
                ord[k] = kk[k].k;
        }
        size_t cross = 0;
        double depth = skyline_once(n, x, w, h, ord, xmin, xmax, gap, l2, o2, &cross);
        if (cross < best_cross || (cross == best_cross && depth < best_depth - 1e-9)) {
            best_cross = cross;
            best_depth = depth;
            memcpy(left, l2, n * sizeof *left);
            memcpy(off, o2, n * sizeof *off);
        }
        if (cross == 0 && attempt == 0)
            break; /* the caller's priorities, and no crossing: keep them */
        if (best_cross == 0 && attempt >= 3)
            break;
    }
    free(l2), free(o2), free(ord), free(kk);
    if (crossings)
        *crossings += best_cross;
    return best_depth;
}

typedef struct {
    double y;
    size_t k;
} spread_item;

static int by_y(const void *a, const void *b)
{
    const spread_item *p = a, *q = b;
    if (p->y != q->y)
        return p->y < q->y ? -1 : 1;
    return p->k < q->k ? -1 : p->k > q->k;
}

void chart_spread(size_t n, double *y, double h, double lo, double hi)
{
    if (n == 0)
        return;
    spread_item *it = malloc(n * sizeof *it);
    double *pos = malloc(n * sizeof *pos);
    size_t *cstart = malloc(n * sizeof *cstart);
    double *ctop = malloc(n * sizeof *ctop);
    if (!it || !pos || !cstart || !ctop) {
        for (size_t k = 0; k < n; k++)
            y[k] = lo + h / 2 + (double)k * h;
        free(it);
        free(pos);
        free(cstart);
        free(ctop);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        it[k].y = y[k];
        it[k].k = k;
    }
    qsort(it, n, sizeof *it, by_y);
    /* Clusters of labels that touch: each is placed where the sum of squared shifts of its
     * members is least (its top at the mean of their wanted tops), merging while they overlap. */
    size_t nc = 0;
    for (size_t i = 0; i < n; i++) {
        cstart[nc] = i;
        ctop[nc] = it[i].y - h / 2;
        nc++;
        while (nc > 1) {
            size_t a = nc - 2, b = nc - 1;
            double a_bottom = ctop[a] + (double)(cstart[b] - cstart[a]) * h;
            if (a_bottom <= ctop[b])
                break;
            size_t end = i + 1;
            double sum = 0;
            for (size_t m = cstart[a]; m < end; m++)
                sum += it[m].y - h / 2 - (double)(m - cstart[a]) * h;
            ctop[a] = sum / (double)(end - cstart[a]);
            nc--;
        }
    }
    for (size_t c = 0; c < nc; c++) {
        size_t end = c + 1 < nc ? cstart[c + 1] : n;
        for (size_t m = cstart[c]; m < end; m++)
            pos[m] = ctop[c] + (double)(m - cstart[c]) * h;
    }
    /* Keep inside [lo, hi] when they fit: push down from the top, then up from the bottom. */
    if (pos[0] < lo)
        pos[0] = lo;
    for (size_t m = 1; m < n; m++)
        if (pos[m] < pos[m - 1] + h)
            pos[m] = pos[m - 1] + h;
    if (pos[n - 1] + h > hi && (double)n * h <= hi - lo) {
        pos[n - 1] = hi - h;
        for (size_t m = n - 1; m-- > 0;)
            if (pos[m] > pos[m + 1] - h)
                pos[m] = pos[m + 1] - h;
    }
    for (size_t m = 0; m < n; m++)
        y[it[m].k] = pos[m] + h / 2;
    free(it);
    free(pos);
    free(cstart);
    free(ctop);
}

double chart_nice_step(double range, int target_ticks)
{
    if (!(range > 0) || !isfinite(range))
        return 1;
    double raw = range / (target_ticks > 0 ? target_ticks : 5);
    double p = pow(10, floor(log10(raw)));
    double f = raw / p;
    double nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
    return nf * p;
}

double chart_map(double v, double lo, double hi, double x0, double x1)
{
    if (!(hi > lo))
        return (x0 + x1) / 2;
    return x0 + (v - lo) / (hi - lo) * (x1 - x0);
}

void chart_anchor_text(const char *text, char *buf, size_t size)
{
    size_t n = strcspn(text, ":;");
    if (n >= size)
        n = size - 1;
    memcpy(buf, text, n);
    buf[n] = '\0';
}

static void format_tick(char *buf, size_t size, double v)
{
    if (fabs(v) < 1e-12)
        v = 0;
    snprintf(buf, size, "%g", v);
}

double chart_ruler(chart_ctx *c, cairo_t *cr, double x0, double x1, double y, double lo, double hi)
{
    chart_rgb(cr, CHART_MUTED, 1);
    cairo_set_line_width(cr, 1);
    cairo_set_dash(cr, NULL, 0, 0);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_stroke(cr);
    chart_font(c, cr, 0.85, 0, 0);
    double lh = chart_line_height(cr);
    int target = (int)((x1 - x0) / 50);
    double step = chart_nice_step(hi - lo, target < 2 ? 2 : target > 10 ? 10 : target);
    /* Ticks by index, not by t += step: far from zero (a scale [1e15, 1e15 + 0.25]) adding a
     * step below the spacing of doubles leaves t unchanged and the loop never ended. */
    double k0 = ceil(lo / step - 1e-9), k1 = floor(hi / step + 1e-9);
    double n_ticks = isfinite(k0) && isfinite(k1) && k1 >= k0 ? k1 - k0 + 1 : 0;
    if (n_ticks > 64)
        n_ticks = 0;
    for (double i = 0; i < n_ticks; i++) {
        double t = (k0 + i) * step;
        double x = chart_map(t, lo, hi, x0, x1);
        cairo_move_to(cr, x, y);
        cairo_line_to(cr, x, y + 4);
        cairo_stroke(cr);
        char num[32];
        format_tick(num, sizeof num, t);
        chart_text(cr, x, y + 5, num, 1);
    }
    double used = 5 + lh;
    const fc_issue *is = c->issue;
    if (!is || is->n_anchors == 0)
        return used + 2;

    /* Anchors: short text, wrapped, placed below the numbers without overlap. */
    size_t n = is->n_anchors;
    double *ax = calloc(n, sizeof *ax), *aw = calloc(n, sizeof *aw), *ah = calloc(n, sizeof *ah);
    double *al = calloc(n, sizeof *al), *ao = calloc(n, sizeof *ao);
    size_t *order = calloc(n, sizeof *order);
    chart_lines *lines = calloc(n, sizeof *lines);
    if (!ax || !aw || !ah || !al || !ao || !order || !lines) {
        c->nomem = 1;
        free(ax), free(aw), free(ah), free(al), free(ao), free(order), free(lines);
        return used;
    }
    chart_font(c, cr, 0.85, 0, 1);
    double alh = chart_line_height(cr) * 1.1;
    double max_w = (x1 - x0) / (n < 4 ? 4 : (double)n) * 1.6;
    if (max_w < 90)
        max_w = 90;
    if (max_w > 170)
        max_w = 170;
    for (size_t k = 0; k < n; k++) {
        char shortt[128];
        chart_anchor_text(is->anchors[k].text ? is->anchors[k].text : "", shortt, sizeof shortt);
        chart_wrap(cr, shortt, max_w, 3, &lines[k]);
        ax[k] = chart_map(is->anchors[k].point, lo, hi, x0, x1);
        aw[k] = lines[k].w;
        ah[k] = (double)lines[k].n * alh;
        order[k] = k;
    }
    double top = y + used + 8;
    double depth = chart_place_skyline(n, ax, aw, ah, order, 4, c->width - 4, 6, al, ao, &c->crossings);
    for (size_t k = 0; k < n; k++) {
        double by = top + ao[k];
        chart_rgb(cr, CHART_GRID, 1);
        cairo_set_line_width(cr, 0.8);
        cairo_move_to(cr, ax[k], y + used + 1);
        cairo_line_to(cr, ax[k], by);
        cairo_stroke(cr);
        chart_rgb(cr, CHART_MUTED, 1);
        chart_draw_lines(cr, &lines[k], al[k], by, alh, ax[k] <= al[k] + 5 ? 0 : ax[k] >= al[k] + aw[k] - 5 ? 2 : 1);
        char joined[200];
        snprintf(joined, sizeof joined, "%s%s%s", lines[k].line[0], lines[k].n > 1 ? " " : "",
                 lines[k].n > 1 ? lines[k].line[1] : "");
        chart_box(c, al[k], by, aw[k], ah[k], joined);
    }
    free(ax), free(aw), free(ah), free(al), free(ao), free(order), free(lines);
    return used + 8 + depth + 4;
}

double chart_title(chart_ctx *c, cairo_t *cr, const char *title, const char *subtitle)
{
    double y = 12;
    chart_rgb(cr, CHART_INK, 1);
    chart_font(c, cr, 1.2, 1, 0);
    chart_lines l;
    chart_wrap(cr, title ? title : "", c->width - 32, 2, &l);
    double lh = chart_line_height(cr) * 1.1;
    chart_draw_lines(cr, &l, 16, y, lh, 0);
    y += (double)l.n * lh + 2;
    if (subtitle && subtitle[0]) {
        chart_rgb(cr, CHART_MUTED, 1);
        chart_font(c, cr, 0.9, 0, 0);
        chart_wrap(cr, subtitle, c->width - 32, 2, &l);
        lh = chart_line_height(cr) * 1.1;
        chart_draw_lines(cr, &l, 16, y, lh, 0);
        y += (double)l.n * lh;
    }
    return y + 8;
}

void chart_scale(const chart_ctx *c, double *lo, double *hi)
{
    if (c->p && c->req->dim < c->p->n_dims) {
        *lo = c->p->scale_min[c->req->dim];
        *hi = c->p->scale_max[c->req->dim];
    } else {
        *lo = 0;
        *hi = 100;
    }
    if (!(*hi > *lo)) {
        *lo -= 1;
        *hi += 1;
    }
}

void chart_forecast_name(const fc_forecast *f, char *buf, size_t size)
{
    if (f->preset[0])
        snprintf(buf, size, "%s (%s)", f->model, f->preset);
    else
        snprintf(buf, size, "%s", f->model);
}

void fc_chart_actor_label(const char *name, char *buf, size_t size, size_t max_chars)
{
    if (!size)
        return;
    if (!name)
        name = "";
    size_t n = strlen(name);
    const char *paren = strstr(name, " (");
    if (paren && paren > name && name[n - 1] == ')')
        n = (size_t)(paren - name);
    /* Count characters, not bytes, and cut at a character boundary. */
    size_t chars = 0, cut = n;
    for (size_t i = 0; i < n; i++) {
        if ((name[i] & 0xC0) != 0x80) {
            if (chars == max_chars) {
                cut = i;
                break;
            }
            chars++;
        }
    }
    if (cut < n && max_chars > 0) {
        /* Leave room for the ellipsis: drop the last character and any trailing space. */
        size_t i = cut;
        do {
            i--;
        } while (i > 0 && (name[i] & 0xC0) == 0x80);
        while (i > 0 && name[i - 1] == ' ')
            i--;
        snprintf(buf, size, "%.*s\xE2\x80\xA6", (int)i, name);
    } else {
        snprintf(buf, size, "%.*s", (int)n, name);
    }
}
