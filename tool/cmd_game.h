/* What `fulcrum game` and `fulcrum game --from-scenario` share: printing library errors and
 * notes with the options they name shown as the flags that set them. */
#ifndef FULCRUM_TOOL_CMD_GAME_H
#define FULCRUM_TOOL_CMD_GAME_H

#include "fulcrum/fulcrum.h"

/* tool_fail with the options its message names put as flags (tool_flag_words). */
int game_fail(const fc_error *err);

#endif
