# The command line the tests compare with, and the checkout's files. ctest sets
# FULCRUM_CLI, FULCRUM_SOURCE_DIR and FULCRUM_SHARED_DIR (tests/r/run_r_check.sh); without
# them the comparisons are skipped and the hand-checked numbers still run.
cli_path <- Sys.getenv("FULCRUM_CLI")
src_dir <- Sys.getenv("FULCRUM_SOURCE_DIR")
shared_dir <- Sys.getenv("FULCRUM_SHARED_DIR")

need_cli <- function() {
  if (!nzchar(cli_path) || !file.exists(cli_path)) skip("FULCRUM_CLI not set")
}
need_src <- function() if (!nzchar(src_dir)) skip("FULCRUM_SOURCE_DIR not set")
need_shared <- function() {
  if (!nzchar(shared_dir) || !dir.exists(shared_dir)) skip("../shared not found")
}
src_file <- function(...) file.path(src_dir, ...)
shared_file <- function(...) file.path(shared_dir, ...)

# The bytes the command line writes with -o FILE, as one string.
cli_output <- function(...) {
  out <- tempfile()
  on.exit(unlink(out))
  status <- system2(cli_path, c(..., "-o", out), stdout = FALSE, stderr = FALSE)
  if (status != 0) stop("fulcrum ", paste(c(...), collapse = " "), " failed: ", status)
  rawToChar(readBin(out, "raw", file.info(out)$size))
}

cli_bytes <- function(...) {
  out <- tempfile(fileext = ".png")
  on.exit(unlink(out))
  status <- system2(cli_path, c(..., "-o", out), stdout = FALSE, stderr = FALSE)
  if (status != 0) stop("fulcrum ", paste(c(...), collapse = " "), " failed: ", status)
  readBin(out, "raw", file.info(out)$size)
}

# The forecast of each model and preset: its last round's forecast column.
final_forecasts <- function(f) {
  key <- paste(f$model, ifelse(is.na(f$preset), "", f$preset))
  last <- ave(f$round, key, FUN = max)
  g <- f[f$round == last, ]
  g <- g[!duplicated(paste(g$model, g$preset)), ]
  setNames(g$forecast, paste(g$model, ifelse(is.na(g$preset), "", g$preset)))
}
