#include "tool.h"
int cmd_game_from_scenario(int argc, char **argv)
{
    (void)argc; (void)argv;
    return tool_usage_error("game", "--from-scenario: not yet");
}
