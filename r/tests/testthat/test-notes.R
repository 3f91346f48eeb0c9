# The notes the library attaches to a run reach R as warning conditions and as the result's
# attribute "notes", and they are the notes the command line prints.
cli_stderr <- function(...) {
  err <- tempfile()
  on.exit(unlink(err))
  status <- system2(cli_path, c(...), stdout = FALSE, stderr = err)
  if (status != 0) stop("fulcrum ", paste(c(...), collapse = " "), " failed: ", status)
  paste(readLines(err), collapse = "\n")
}

test_that("a salience typed on 0-1 among 0-100 ones is pointed out", {
  need_src()
  need_cli()
  two <- src_file("tests", "data", "newcomer", "salience_typo.yaml")
  w <- NULL
  # Loading may say the same already; the forecast's own notes are what is checked here.
  sc <- suppressWarnings(load_scenario(two))
  f <- withCallingHandlers(forecast(sc),
                           fulcrum_warning = function(c) {
                             w <<- c(w, list(c))
                             invokeRestart("muffleWarning")
                           })
  n <- fulcrum_notes(f)
  expect_true(is.data.frame(n) && nrow(n) >= 1)
  expect_identical(n$kind[1], "advice")
  expect_true(grepl("(did you mean 90?)", n$message[1], fixed = TRUE))
  said <- cli_stderr("forecast", two)
  for (m in n$message) expect_true(grepl(m, said, fixed = TRUE))
  expect_length(w, nrow(n))
  expect_s3_class(w[[1]], "fulcrum_advice")
  expect_identical(w[[1]]$field, n$field[1])
  expect_identical(w[[1]]$value, n$value[1])
  expect_true(is.data.frame(f) && nrow(f) > 0)
})

test_that("a sweep says when it used the fallback spreads", {
  need_src()
  need_cli()
  eu <- src_file("scenarios", "eu-emissions-1994.yaml")
  expect_warning(s <- sweep_scenario(load_scenario(eu), runs = 5, model = "median", sensitivity = FALSE),
                 class = "fulcrum_applied")
  n <- fulcrum_notes(s)
  expect_identical(n$field, "jitter")
  expect_true(grepl(n$value, cli_stderr("sweep", eu, "--runs", "5", "--model", "median"), fixed = TRUE))
})

test_that("a table on 0-1 read on 0-100 is advised at load", {
  need_shared()
  table <- shared_file("data", "eum", "inputs", "emission.csv")
  expect_warning(load_scenario(table), class = "fulcrum_advice")
  w <- tryCatch(load_scenario(table), warning = function(c) c)
  expect_identical(w$field, "csv_salience_scale")
  expect_identical(w$value, "1")
  expect_null(fulcrum_notes(forecast(load_scenario(table, salience_scale = 1), models = "median")))
})

test_that("an unstable dilemma forecast is signalled", {
  need_cli()
  # The spatial model on the one-issue case, AZE committed to scaling back, stops at its round
  # limit still moving.
  need_src()
  one <- load_scenario(src_file("scenarios", "azerbaijan-2014-alignment.yaml"))
  w <- list()
  d <- withCallingHandlers(dilemma(one, models = "smp", mode = "commit"),
                           fulcrum_unstable = function(c) {
                             w[[length(w) + 1]] <<- c
                             invokeRestart("muffleWarning")
                           })
  want <- utils::read.csv(text = cli_output("dilemma", src_file("scenarios", "azerbaijan-2014-alignment.yaml"),
                                            "--model", "smp", "--mode", "commit", "--format", "csv"),
                          stringsAsFactors = FALSE, na.strings = "NA")
  bad <- want$choice[want$figure == "stable" & want$value == 0]
  expect_true(length(bad) >= 1)
  expect_length(w, length(bad))
  n <- fulcrum_notes(d)
  expect_identical(n$kind[n$kind == "unstable"], rep("unstable", length(bad)))
  expect_true(all(grepl(paste0("choice ", bad[1], ":"), n$message[n$kind == "unstable"][1], fixed = TRUE)))
  expect_null(fulcrum_notes(dilemma(one, models = "median")))
})
