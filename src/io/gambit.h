/* Gambit's two game formats inside src/io/: the .nfg and .efg readers and writers, and the
 * text helpers the writers share. They build and read games through the game module's public
 * API (fulcrum/game_exact.h) only. */
#ifndef FULCRUM_IO_GAMBIT_H
#define FULCRUM_IO_GAMBIT_H

#include <stddef.h>

#include <gmp.h>

#include "fulcrum/game_exact.h"
#include "util/buf_mpq.h"
#include "util/strutil.h"

fc_status gambit_nfg_parse(const char *text, size_t len, const char *origin, fc_game **out,
                           fc_error *err);
fc_status gambit_efg_parse(const char *text, size_t len, const char *origin, fc_game **out,
                           fc_error *err);
fc_status gambit_nfg_write(const fc_game *g, char **text, fc_error *err);
fc_status gambit_efg_write(const fc_game *g, char **text, fc_error *err);

/* "s" with embedded quotes escaped, as Gambit writes labels. */
void gambit_buf_quoted(fc_buf *b, const char *s);

#endif
