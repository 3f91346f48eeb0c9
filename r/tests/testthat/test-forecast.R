test_that("the built-in forecast is the command line's, byte for byte", {
  need_cli()
  az <- load_builtin()
  expect_identical(forecast(az, format = "csv"), cli_output("forecast", "--format", "csv"))
  expect_identical(forecast(az, format = "json"), cli_output("forecast", "--format", "json"))
  expect_identical(forecast_text(az), cli_output("forecast"))
  expect_identical(forecast_text(az, models = "eum", trace = TRUE),
                   cli_output("forecast", "--model", "eum", "--trace"))
})

# The command line's CSV, read as the package reads its own (labels as text, "NA" missing).
cli_frame <- function(...) {
  utils::read.csv(text = cli_output(..., "--format", "csv"), stringsAsFactors = FALSE, na.strings = "NA",
                  colClasses = c(model = "character", preset = "character", actor = "character",
                                 issue = "character"))
}

test_that("the built-in forecast's numbers are the command line's", {
  need_cli()
  f <- forecast(load_builtin())
  expect_true(is.data.frame(f))
  expect_identical(names(f), c("model", "preset", "round", "actor", "issue", "joint", "position", "median",
                               "mean", "forecast", "format_version"))
  expect_identical(unique(f$format_version), 2L)
  expect_false(any(is.na(f$preset)))
  want <- cli_frame("forecast")
  attr(f, "notes") <- NULL
  expect_identical(f, want)
  got <- final_forecasts(f)
  expect_identical(got, final_forecasts(want))
  expect_true(all(c("median default", "compromise default", "eum bdm-paper", "smp ktab") %in% names(got)))
  eum <- forecast(load_builtin(), models = "eum", preset = "bdm-paper")
  attr(eum, "notes") <- NULL
  expect_identical(eum, cli_frame("forecast", "--model", "eum", "--preset", "bdm-paper"))
})

test_that("the one-issue case's numbers are the published run's", {
  # The one-issue Azerbaijan case, the built-in case until it became four issues.
  need_src()
  f <- forecast(load_scenario(src_file("scenarios", "azerbaijan-2014-alignment.yaml")))
  got <- final_forecasts(f)
  expect_identical(got[["status-quo default"]], 70)
  expect_identical(got[["median default"]], 65)
  expect_identical(got[["compromise default"]], 54.35687263556116)
  expect_identical(got[["capability-mean default"]], 57.879464285714285)
  expect_identical(got[["eum bdm-paper"]], 65)
  expect_identical(got[["smp ktab"]], 56.989999999999995)
  eum <- f[f$model == "eum" & f$preset == "bdm-paper", ]
  expect_identical(max(eum$round), 10L)
  expect_identical(eum$position[eum$round == 10 & eum$actor == "AZE"], 65)
})

test_that("the EU emission case gives the command line's numbers", {
  need_src()
  need_cli()
  path <- src_file("scenarios", "eu-emissions-1994.yaml")
  eu <- load_scenario(path)
  got <- final_forecasts(forecast(eu))
  expect_identical(got, final_forecasts(cli_frame("forecast", path)))
  expect_identical(forecast(eu, format = "json"), cli_output("forecast", path, "--format", "json"))
})

test_that("the emission table of ../shared (saliences on 0-1) reads as the command line reads it", {
  need_shared()
  need_cli()
  path <- shared_file("data", "eum", "inputs", "emission.csv")
  x <- load_scenario(path, salience_scale = 1)
  expect_identical(forecast(x, models = "eum", format = "csv"),
                   cli_output("forecast", path, "--salience-scale", "1", "--model", "eum", "--format", "csv"))
})

test_that("models, presets, settings and text reach the library", {
  az <- load_builtin()
  f <- forecast(az, models = "eum", preset = "bdm-paper", settings = list(rounds = 2))
  expect_identical(unique(f$model), "eum")
  expect_identical(max(f$round), 2L)
  expect_identical(forecast(az, models = "eum", preset = "bdm-paper", settings = "rounds=2"), f)
  need_cli()
  expect_identical(forecast(az, models = "eum", settings = list(rounds = 2), format = "json"),
                   cli_output("forecast", "--model", "eum", "--set", "rounds=2", "--format", "json"))
  need_src()
  text <- paste(readLines(src_file("scenarios", "eu-emissions-1994.yaml")), collapse = "\n")
  t <- load_scenario(text, name = "eu.yaml")
  expect_identical(forecast(t, models = "median"),
                   forecast(load_scenario(src_file("scenarios", "eu-emissions-1994.yaml")), models = "median"))
})
