/* Fulcrum: forecasts of foreign-policy contests with the published bargaining models.
 * This header includes the whole public API except fulcrum/game_exact.h, the exact (GMP)
 * view of games, so that its clients need no <gmp.h>. */
#ifndef FULCRUM_FULCRUM_H
#define FULCRUM_FULCRUM_H

#include "fulcrum/backtest.h"
#include "fulcrum/cases.h"
#include "fulcrum/charts.h"
#include "fulcrum/crisis.h"
#include "fulcrum/deu.h"
#include "fulcrum/dilemma.h"
#include "fulcrum/error.h"
#include "fulcrum/eum.h"
#include "fulcrum/forecast.h"
#include "fulcrum/game.h"
#include "fulcrum/game_scenario.h"
#include "fulcrum/game_text.h"
#include "fulcrum/html.h"
#include "fulcrum/io.h"
#include "fulcrum/model.h"
#include "fulcrum/problem.h"
#include "fulcrum/report.h"
#include "fulcrum/rng.h"
#include "fulcrum/scenario.h"
#include "fulcrum/smp.h"
#include "fulcrum/ktab.h"
#include "fulcrum/sweep.h"
#include "fulcrum/run.h"
#include "fulcrum/util.h"

#endif
