/* cairo, opened at the first chart (src/report/chart_cairo.c): the chart files call cairo_*
 * as usual, and the names below turn those calls into calls through a table filled by dlsym,
 * so the library does not link cairo and a command that draws no chart never loads it. */
#ifndef FULCRUM_REPORT_CHART_CAIRO_H
#define FULCRUM_REPORT_CHART_CAIRO_H

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "fulcrum/error.h"

/* Every cairo function the charts call; a new one goes here too (else the link fails:
 * the library is not linked with cairo). fontconfig's FcFini comes from cairo's fontconfig. */
#define CHART_CAIRO_FUNCTIONS(X) \
    X(cairo_arc) \
    X(cairo_close_path) \
    X(cairo_create) \
    X(cairo_curve_to) \
    X(cairo_debug_reset_static_data) \
    X(cairo_destroy) \
    X(cairo_fill) \
    X(cairo_fill_preserve) \
    X(cairo_font_extents) \
    X(cairo_font_options_create) \
    X(cairo_font_options_destroy) \
    X(cairo_font_options_set_antialias) \
    X(cairo_font_options_set_hint_metrics) \
    X(cairo_font_options_set_hint_style) \
    X(cairo_get_font_face) \
    X(cairo_get_font_matrix) \
    X(cairo_get_source) \
    X(cairo_get_user_data) \
    X(cairo_image_surface_create) \
    X(cairo_line_to) \
    X(cairo_move_to) \
    X(cairo_new_path) \
    X(cairo_new_sub_path) \
    X(cairo_paint) \
    X(cairo_pattern_get_rgba) \
    X(cairo_pdf_surface_create_for_stream) \
    X(cairo_pdf_surface_set_metadata) \
    X(cairo_rectangle) \
    X(cairo_scale) \
    X(cairo_select_font_face) \
    X(cairo_set_dash) \
    X(cairo_set_font_options) \
    X(cairo_set_font_size) \
    X(cairo_set_line_cap) \
    X(cairo_set_line_join) \
    X(cairo_set_line_width) \
    X(cairo_set_source_rgb) \
    X(cairo_set_source_rgba) \
    X(cairo_set_user_data) \
    X(cairo_show_text) \
    X(cairo_status) \
    X(cairo_status_to_string) \
    X(cairo_stroke) \
    X(cairo_surface_destroy) \
    X(cairo_surface_finish) \
    X(cairo_surface_flush) \
    X(cairo_surface_status) \
    X(cairo_surface_write_to_png_stream) \
    X(cairo_svg_surface_create_for_stream) \
    X(cairo_svg_surface_restrict_to_version) \
    X(cairo_text_extents) \
    X(cairo_toy_font_face_get_slant) \
    X(cairo_toy_font_face_get_weight) \
    X(cairo_user_to_device) \
    X(FcFini)

typedef struct chart_cairo_table {
#define CHART_CAIRO_MEMBER(f) __typeof__(f) *f;
    CHART_CAIRO_FUNCTIONS(CHART_CAIRO_MEMBER)
#undef CHART_CAIRO_MEMBER
} chart_cairo_table;

extern chart_cairo_table chart_cairo;

/* Opens cairo (once per process; thread-safe) before anything is drawn: FC_EIO naming the
 * library when it cannot. */
fc_status chart_cairo_load(fc_error *err);
/* Whether chart_cairo_load succeeded (releasing caches needs nothing when it did not). */
int chart_cairo_loaded(void);

#ifndef CHART_CAIRO_NO_RENAME
#define cairo_arc (chart_cairo.cairo_arc)
#define cairo_close_path (chart_cairo.cairo_close_path)
#define cairo_create (chart_cairo.cairo_create)
#define cairo_curve_to (chart_cairo.cairo_curve_to)
#define cairo_debug_reset_static_data (chart_cairo.cairo_debug_reset_static_data)
#define cairo_destroy (chart_cairo.cairo_destroy)
#define cairo_fill (chart_cairo.cairo_fill)
#define cairo_fill_preserve (chart_cairo.cairo_fill_preserve)
#define cairo_font_extents (chart_cairo.cairo_font_extents)
#define cairo_font_options_create (chart_cairo.cairo_font_options_create)
#define cairo_font_options_destroy (chart_cairo.cairo_font_options_destroy)
#define cairo_font_options_set_antialias (chart_cairo.cairo_font_options_set_antialias)
#define cairo_font_options_set_hint_metrics (chart_cairo.cairo_font_options_set_hint_metrics)
#define cairo_font_options_set_hint_style (chart_cairo.cairo_font_options_set_hint_style)
#define cairo_get_font_face (chart_cairo.cairo_get_font_face)
#define cairo_get_font_matrix (chart_cairo.cairo_get_font_matrix)
#define cairo_get_source (chart_cairo.cairo_get_source)
#define cairo_get_user_data (chart_cairo.cairo_get_user_data)
#define cairo_image_surface_create (chart_cairo.cairo_image_surface_create)
#define cairo_line_to (chart_cairo.cairo_line_to)
#define cairo_move_to (chart_cairo.cairo_move_to)
#define cairo_new_path (chart_cairo.cairo_new_path)
#define cairo_new_sub_path (chart_cairo.cairo_new_sub_path)
#define cairo_paint (chart_cairo.cairo_paint)
#define cairo_pattern_get_rgba (chart_cairo.cairo_pattern_get_rgba)
#define cairo_pdf_surface_create_for_stream (chart_cairo.cairo_pdf_surface_create_for_stream)
#define cairo_pdf_surface_set_metadata (chart_cairo.cairo_pdf_surface_set_metadata)
#define cairo_rectangle (chart_cairo.cairo_rectangle)
#define cairo_scale (chart_cairo.cairo_scale)
#define cairo_select_font_face (chart_cairo.cairo_select_font_face)
#define cairo_set_dash (chart_cairo.cairo_set_dash)
#define cairo_set_font_options (chart_cairo.cairo_set_font_options)
#define cairo_set_font_size (chart_cairo.cairo_set_font_size)
#define cairo_set_line_cap (chart_cairo.cairo_set_line_cap)
#define cairo_set_line_join (chart_cairo.cairo_set_line_join)
#define cairo_set_line_width (chart_cairo.cairo_set_line_width)
#define cairo_set_source_rgb (chart_cairo.cairo_set_source_rgb)
#define cairo_set_source_rgba (chart_cairo.cairo_set_source_rgba)
#define cairo_set_user_data (chart_cairo.cairo_set_user_data)
#define cairo_show_text (chart_cairo.cairo_show_text)
#define cairo_status (chart_cairo.cairo_status)
#define cairo_status_to_string (chart_cairo.cairo_status_to_string)
#define cairo_stroke (chart_cairo.cairo_stroke)
#define cairo_surface_destroy (chart_cairo.cairo_surface_destroy)
#define cairo_surface_finish (chart_cairo.cairo_surface_finish)
#define cairo_surface_flush (chart_cairo.cairo_surface_flush)
#define cairo_surface_status (chart_cairo.cairo_surface_status)
#define cairo_surface_write_to_png_stream (chart_cairo.cairo_surface_write_to_png_stream)
#define cairo_svg_surface_create_for_stream (chart_cairo.cairo_svg_surface_create_for_stream)
#define cairo_svg_surface_restrict_to_version (chart_cairo.cairo_svg_surface_restrict_to_version)
#define cairo_text_extents (chart_cairo.cairo_text_extents)
#define cairo_toy_font_face_get_slant (chart_cairo.cairo_toy_font_face_get_slant)
#define cairo_toy_font_face_get_weight (chart_cairo.cairo_toy_font_face_get_weight)
#define cairo_user_to_device (chart_cairo.cairo_user_to_device)
#define FcFini (chart_cairo.FcFini)
#endif

#endif
