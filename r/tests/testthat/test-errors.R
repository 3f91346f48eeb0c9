test_that("errors are conditions carrying file, line, column and field", {
  e <- tryCatch(load_scenario("title: broken\nissues: [\n", name = "broken.yaml"), error = function(e) e)
  expect_s3_class(e, "fulcrum_input_error")
  expect_s3_class(e, "fulcrum_error")
  expect_identical(e$file, "broken.yaml")
  expect_identical(e$line, 3L)
  expect_identical(e$column, 1L)
  expect_match(conditionMessage(e), "^broken.yaml:3:1: ")

  e <- tryCatch(forecast(load_builtin(), models = "no-such-model"), error = function(e) e)
  expect_s3_class(e, "fulcrum_usage_error")
  expect_identical(e$field, "model")

  e <- tryCatch(sweep_scenario(load_builtin(), runs = 0), error = function(e) e)
  expect_s3_class(e, "fulcrum_usage_error")
  expect_identical(e$field, "runs")

  e <- tryCatch(load_scenario("no-such-file.yaml"), error = function(e) e)
  expect_s3_class(e, "fulcrum_error")
  expect_identical(e$file, normalizePath("no-such-file.yaml", mustWork = FALSE))

  e <- tryCatch(solve_game("no-such-game.nfg"), error = function(e) e)
  expect_s3_class(e, "fulcrum_error")
  expect_error(validate("title: broken\nissues: [\n"), class = "fulcrum_input_error")
  expect_error(chart(load_builtin(), "issue", format = "gif"), class = "fulcrum_usage_error")
  expect_invisible(validate(load_builtin()))
})
