/* Private: turning a jansson tree into text. jansson builds and reads the documents; these
 * printers write numbers in the shortest form that reads back exactly (jansson prints
 * 0.08 as 0.080000000000000002), and write the same tree as block-style YAML. */
#ifndef FULCRUM_UTIL_JSON_TEXT_H
#define FULCRUM_UTIL_JSON_TEXT_H

#include <jansson.h>

#include "fulcrum/error.h"
#include "util/strutil.h"

/* Pretty JSON's layout: an array of at most this many scalars, or an object of at most this
 * many scalar members, prints on one line. */
#define FC_JSON_FLAT_ARRAY_MAX 16
#define FC_JSON_FLAT_OBJECT_MAX 4

/* Pretty JSON with two-space indentation; object keys in insertion order. */
void fc_json_print(fc_buf *b, const json_t *v, int indent);
/* Block-style YAML of an object tree (short flat objects and arrays inline). */
void fc_yaml_print(fc_buf *b, const json_t *v, int indent);
/* Prints a document tree as pretty JSON with a final newline into *out (caller frees) and
 * releases the tree. */
fc_status fc_json_to_text(json_t *root, char **out, fc_error *err);
/* A JSON number for a double: shortest exact form; NaN and infinities become null. */
json_t *fc_json_number(double v);

/* Pieces for writers that stream a large document straight into a buffer, byte for byte as
 * fc_json_print would print the same tree: a quoted, escaped string; what fc_json_number(v)
 * prints as; an integer; n spaces. The writer keeps fc_json_print's layout itself (two-space
 * indentation, arrays of up to 16 scalars and objects of up to 4 on one line). */
void fc_json_put_string(fc_buf *b, const char *s);
void fc_json_put_number(fc_buf *b, double v);
void fc_json_put_integer(fc_buf *b, long long v);
void fc_json_pad(fc_buf *b, int n);

#endif
