/* fulcrum new FILE: writes a commented template scenario to start a case from, one that
 * validates and forecasts as it stands, so that every later command of the tutorial runs on
 * it before a single number has been changed. */
#include <string.h>
#include <unistd.h>

#include "tool.h"

/* Every field a case needs, each with a comment on what it means and where its number should
 * come from; docs/formats.md has the full grammar. Kept in step with that file by the test
 * cli_newb_new_validates, which validates what this writes. */
static const char template_text[] =
    "# A Fulcrum scenario: one contest over a state's policy. Replace every number with your own\n"
    "# estimate and say where it comes from in a comment or a `source:`. docs/formats.md has every\n"
    "# field; `fulcrum validate` checks the file and names each problem with its line.\n"
    "title: \"My case\"                  # shown at the top of every output\n"
    "date: \"2024-01-01\"                # when the estimates hold (free text)\n"
    "salience_scale: 100               # saliences run 0-100 (or 1 for 0-1)\n"
    "\n"
    "# The issue: a line from one extreme outcome to the other.\n"
    "issues:\n"
    "  - id: policy                    # short id, used below and by --issue\n"
    "    label: \"The policy in dispute\"\n"
    "    min: 0                        # the scale's ends\n"
    "    max: 100\n"
    "    status_quo: 40                # where the policy stands today (optional)\n"
    "    anchors:                      # what points of the scale mean (optional)\n"
    "      - {at: 0, text: \"one extreme\"}\n"
    "      - {at: 100, text: \"the other extreme\"}\n"
    "\n"
    "# The actors: who can move the outcome. capability: what each can bring to bear (any\n"
    "# scale, e.g. a CINC score x 100); per issue its position on the scale and its salience\n"
    "# (how much it cares, 0-100). Three or more actors let every model run.\n"
    "actors:\n"
    "  - id: GOV\n"
    "    name: \"The government\"\n"
    "    kind: state                   # state | bloc | organisation | faction | firm\n"
    "    capability: 50\n"
    "    stances:\n"
    "      policy: {position: 40, salience: 90}\n"
    "  - id: OPP\n"
    "    name: \"The opposition\"\n"
    "    kind: faction\n"
    "    capability: 20\n"
    "    stances:\n"
    "      policy: {position: 80, salience: 70}\n"
    "  - id: NBR\n"
    "    name: \"A neighbour\"\n"
    "    kind: state\n"
    "    capability: 40\n"
    "    stances:\n"
    "      policy: {position: 10, salience: 60}\n"
    "  - id: ALLY\n"
    "    name: \"An ally\"\n"
    "    kind: state\n"
    "    capability: 30\n"
    "    stances:\n"
    "      policy: {position: 70, salience: 40}\n"
    "\n"
    "# Ties between actors (optional; any kind name).\n"
    "relations:\n"
    "  - {between: [GOV, ALLY], kind: alliance}\n"
    "\n"
    "# The decision to study: who decides and between what (`fulcrum dilemma` compares them,\n"
    "# with the status quo, the decider's own position, always among them).\n"
    "decider: GOV\n"
    "choices:\n"
    "  - id: lean-low\n"
    "    label: \"Towards NBR\"\n"
    "    positions: {policy: 25}\n"
    "  - id: lean-high\n"
    "    label: \"Towards ALLY\"\n"
    "    positions: {policy: 65}\n"
    "responders: [NBR, OPP, ALLY]      # who may answer the choice (`fulcrum game --from-scenario`)\n"
    "\n"
    "# How uncertain the estimates are, for `fulcrum sweep` (standard deviations; 20% is\n"
    "# relative to each value).\n"
    "uncertainty: {position: 10, salience: 10, capability: 20%}\n";

int cmd_new(int argc, char **argv)
{
    const char *file = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: fulcrum new FILE\n\n"
                   "Writes a commented template scenario to FILE (- for standard output): one issue,\n"
                   "four actors, a decider with two choices and default uncertainties, every field\n"
                   "explained. It validates and forecasts as it is; replace its numbers with your\n"
                   "own. An existing FILE is never overwritten.\n");
            return EXIT_OK;
        }
        if (argv[i][0] == '-' && argv[i][1])
            return tool_usage_error("new", "unknown option '%s'", argv[i]);
        if (file)
            return tool_usage_error("new", "one file at a time");
        file = argv[i];
    }
    if (!file)
        return tool_usage_error("new", "which file? (fulcrum new my-case.yaml)");
    if (strcmp(file, "-") != 0 && access(file, F_OK) == 0) {
        fprintf(stderr, "fulcrum new: %s exists; choose another name (it is left as it is)\n", file);
        return EXIT_FAILURE_OTHER;
    }
    int rc = tool_emit(file, template_text);
    if (rc == EXIT_OK && strcmp(file, "-") != 0)
        fprintf(stderr, "fulcrum new: wrote %s; next: fulcrum validate %s\n", file, file);
    return rc;
}
