test_that("docs/r.md's worked example prints what the page says", {
  need_src()
  doc <- readLines(src_file("docs", "r.md"))
  block <- function(lang) {
    start <- which(doc == paste0("```", lang))[1]
    end <- start + which(doc[(start + 1):length(doc)] == "```")[1]
    doc[(start + 1):(end - 1)]
  }
  script <- tempfile(fileext = ".R")
  on.exit(unlink(script))
  writeLines(block("r"), script)
  old <- setwd(src_dir)
  on.exit(setwd(old), add = TRUE)
  out <- capture.output(source(script, echo = FALSE))
  expect_identical(out, block("text"))
})
