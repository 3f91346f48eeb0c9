test_that("the dilemma is the command line's", {
  az <- load_builtin()
  # The one-issue case (the built-in case until it became four issues) keeps the number 65.
  need_src()
  one <- load_scenario(src_file("scenarios", "azerbaijan-2014-alignment.yaml"))
  d1 <- dilemma(one, models = "median")
  expect_identical(d1$value[d1$figure == "outcome" & d1$choice == "status-quo"], 65)
  need_cli()
  d <- dilemma(az, models = "median")
  want <- utils::read.csv(text = cli_output("dilemma", "--model", "median", "--format", "csv"),
                          stringsAsFactors = FALSE, na.strings = "NA")
  expect_identical(d$value[d$figure == "outcome" & d$choice == "status-quo"],
                   want$value[want$figure == "outcome" & want$choice == "status-quo"])
  # Every issue of the built-in case, one outcome each, and the totals with issue NA.
  expect_identical(d$issue[d$figure == "outcome" & d$choice == "status-quo"],
                   c("alignment", "karabakh", "energy", "governance"))
  expect_length(d$value[d$figure == "total_value" & d$choice == "status-quo" & is.na(d$issue)], 1)
  expect_identical(dilemma(az, format = "csv"), cli_output("dilemma", "--format", "csv"))
  expect_identical(dilemma(az, models = "eum", mode = "commit", format = "json"),
                   cli_output("dilemma", "--model", "eum", "--mode", "commit", "--format", "json"))
  expect_identical(dilemma(az, format = "text"), cli_output("dilemma"))
})

test_that("the sweep is the command line's, whatever the threads", {
  az <- load_builtin()
  s <- sweep_scenario(az, runs = 30, seed = 5, threads = 1)
  expect_identical(names(s), c("run", "quantity", "actor", "issue", "choice", "value"))
  expect_identical(sort(unique(s$run)), 0:29)
  expect_identical(sweep_scenario(az, runs = 30, seed = 5, threads = 2), s)
  need_cli()
  expect_identical(sweep_scenario(az, runs = 30, seed = 5, format = "json"),
                   cli_output("sweep", "--runs", "30", "--seed", "5", "--format", "json"))
  runs_csv <- tempfile(fileext = ".csv")
  on.exit(unlink(runs_csv))
  cli_output("sweep", "--runs", "30", "--seed", "5", "--runs-csv", runs_csv)
  expect_identical(sweep_scenario(az, runs = 30, seed = 5, format = "csv"),
                   rawToChar(readBin(runs_csv, "raw", file.info(runs_csv)$size)))
  expect_identical(sweep_scenario(az, runs = 20, model = "median", choices = TRUE, mode = "commit",
                                  jitter = "position=5", format = "json"),
                   cli_output("sweep", "--runs", "20", "--model", "median", "--choices", "--mode", "commit",
                              "--jitter", "position=5", "--format", "json"))
})

test_that("the backtest is the command line's", {
  need_shared()
  path <- shared_file("data", "deu", "deu_dev.tsv")
  b <- backtest(path, bootstrap = 50, models = c("median", "compromise"))
  expect_identical(unique(b$model), c("compromise", "median"))
  expect_identical(b$n[b$model == "compromise" & b$era == "all"], 180L)
  expect_identical(b$mae[b$model == "compromise" & b$era == "all"], 20.74187066907953)
  need_cli()
  expect_identical(backtest(path, bootstrap = 50, format = "csv"),
                   cli_output("backtest", path, "--bootstrap", "50", "--format", "csv"))
  per_issue <- tempfile(fileext = ".csv")
  on.exit(unlink(per_issue))
  cli_output("backtest", path, "--bootstrap", "50", "--model", "median", "--per-issue", per_issue)
  expect_identical(backtest(path, bootstrap = 50, model = "median", format = "issues"),
                   utils::read.csv(per_issue, stringsAsFactors = FALSE, na.strings = "NA",
                                   colClasses = c(preset = "character", proposal = "character",
                                                  issue = "character", model = "character",
                                                  era = "character")))
})

test_that("charts are the command line's", {
  az <- load_builtin()
  svg <- chart(az, "trajectory", model = "eum")
  expect_identical(rawToChar(svg[1:5]), "<?xml")
  f <- tempfile(fileext = ".svg")
  on.exit(unlink(f))
  expect_identical(chart(az, "issue", file = f), f)
  expect_true(file.info(f)$size > 1000)
  need_cli()
  # PNG: cairo numbers an SVG's surfaces by a process-wide counter; the pixels are the same.
  expect_identical(chart(az, "issue", format = "png"), cli_bytes("chart", "issue"))
  expect_identical(chart(az, "dilemma", format = "png", mode = "commit"),
                   cli_bytes("chart", "dilemma", "--mode", "commit"))
  expect_identical(chart(az, "sweep", format = "png", runs = 50), cli_bytes("chart", "sweep", "--runs", "50"))
})

test_that("games are solved exactly, as the command line solves them", {
  need_src()
  g <- solve_game(src_file("tests", "data", "games", "alignment.nfg"), "enummixed")
  expect_identical(g$value, rep("1/2", 4))
  expect_identical(g$approx, rep(0.5, 4))
  need_cli()
  for (solver in c("enumpure", "enummixed")) {
    path <- src_file("tests", "data", "games", "alignment.nfg")
    lines <- system2(cli_path, c("game", path, "--solver", solver), stdout = TRUE, stderr = FALSE)
    ne <- sub("^NE,", "", grep("^NE,", lines, value = TRUE))
    got <- solve_game(path, solver)
    expect_identical(vapply(split(got$value, got$equilibrium), paste, "", collapse = ","), setNames(ne, seq_along(ne)))
  }
})
