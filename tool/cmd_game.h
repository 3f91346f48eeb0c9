/* What `fulcrum game` and `fulcrum game --from-scenario` share: printing library errors and
 * notes with the options they name shown as the flags that set them. */
#ifndef FULCRUM_TOOL_CMD_GAME_H
#define FULCRUM_TOOL_CMD_GAME_H

#include "fulcrum/fulcrum.h"

/* text with each option name ("solver", "lcp_all", "pressure_cost", ...) replaced by its flag;
 * the caller frees it (NULL when out of memory). */
char *game_flag_words(const char *text);
/* tool_fail with the error's field (when it is an option) and the options its message
 * names put as flags. */
int game_fail(const fc_error *err);

#endif
