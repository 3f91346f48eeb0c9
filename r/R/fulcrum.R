# Fulcrum from R: thin wrappers over the C library (src/fulcrum.c). Every number comes from
# the library's own CSV, JSON or text; R only reads them into data frames and turns the
# library's errors into conditions that carry file, line, column and field.

# ---- errors ----

.error_classes <- c("1" = "fulcrum_input_error", "2" = "fulcrum_usage_error",
                    "3" = "fulcrum_internal_error", "4" = "fulcrum_io_error",
                    "5" = "fulcrum_internal_error")

# Signals the library's error as a condition of class fulcrum_error (and a subclass by status).
.check <- function(res, call = sys.call(-1)) {
  if (!inherits(res, "fulcrum_error_info"))
    return(res)
  cls <- unname(.error_classes[as.character(res$status)])
  if (is.na(cls)) cls <- "fulcrum_internal_error"
  cond <- structure(class = c(cls, "fulcrum_error", "error", "condition"),
                    list(message = res$message, call = call, status = res$status,
                         file = res$file, line = res$line, column = res$column,
                         field = res$field))
  stop(cond)
}


conditionMessage.fulcrum_error <- function(c) {
  where <- c(if (nzchar(c$file)) c$file, if (c$line > 0) c$line, if (c$column > 0) c$column)
  parts <- c(if (length(where)) paste(where, collapse = ":"), if (nzchar(c$field)) c$field, c$message)
  paste(parts, collapse = ": ")
}

# ---- scenarios ----

.scenario <- function(path = NULL, text = NULL, name = NULL, salience_scale = 100) {
  structure(list(path = path, text = text, name = name, salience_scale = as.numeric(salience_scale)),
            class = "fulcrum_scenario")
}

.src <- function(x) {
  if (!inherits(x, "fulcrum_scenario"))
    stop("expected a scenario from load_scenario() or load_builtin()", call. = FALSE)
  list(x$path, x$text, x$name, x$salience_scale)
}

.sel <- function(model = NULL, preset = NULL, issue = NULL) {
  one <- function(v) if (is.null(v)) NA_character_ else as.character(v)[1]
  c(one(model), one(preset), one(issue))
}

# settings: a named list or vector (list(rounds = 3)) or "key=value" strings.
.settings <- function(settings) {
  if (is.null(settings) || length(settings) == 0) return(character())
  if (!is.null(names(settings)) && all(nzchar(names(settings))))
    return(paste0(names(settings), "=", vapply(settings, function(v) format(v, scientific = FALSE), "")))
  as.character(settings)
}

.args <- function(...) {
  a <- list(...)
  a <- a[!vapply(a, is.null, TRUE)]
  if (!length(a)) return(character())
  vals <- vapply(a, function(v) {
    if (is.logical(v)) tolower(as.character(v)) else format(v, scientific = FALSE, trim = TRUE)
  }, "")
  paste0(names(a), "=", vals)
}

# ---- notes ----

# One note of the library as text: its file, what it found, and the option it suggests or used
# (by the library's option name, e.g. issue, jitter, csv_salience_scale).
.note_text <- function(n) {
  s <- paste0(if (nzchar(n$file)) paste0(n$file, ": "), n$message)
  if (nzchar(n$field))
    s <- paste0(s, "; ", if (n$kind == "advice") "consider " else "using ", n$field,
                if (nzchar(n$value)) paste0(" = ", n$value), if (nzchar(n$when)) paste0(" ", n$when))
  s
}

# The notes the library attached to a run (advice about the input, a default it applied, a
# model of "all" it skipped and why) as a data frame, each also signalled as a warning of class
# fulcrum_warning (and fulcrum_advice, fulcrum_applied or fulcrum_skipped) carrying its fields.
.signal_notes <- function(res, call) {
  nl <- attr(res, "notes")
  if (is.null(nl) || !length(nl$message)) return(NULL)
  notes <- as.data.frame(nl, stringsAsFactors = FALSE)
  for (i in seq_len(nrow(notes))) {
    n <- as.list(notes[i, ])
    warning(structure(class = c(paste0("fulcrum_", n$kind), "fulcrum_warning", "warning", "condition"),
                      c(list(message = .note_text(n), call = call), n)))
  }
  notes
}

# A data frame with its run's notes as attribute "notes" (none: no attribute). The library's
# text (format csv, json, text) stays one plain string, equal to the command line's output.
.with_notes <- function(value, text) {
  notes <- attr(text, "fulcrum_notes")
  if (!is.null(notes) && is.data.frame(value)) attr(value, "notes") <- notes
  value
}

.run <- function(x, what, format, model = NULL, preset = NULL, issue = NULL, settings = NULL,
                 args = character(), trace = FALSE) {
  call <- sys.call(-1)
  res <- .check(.Call(C_fcr_run, .src(x), what, format, .sel(model, preset, issue), .settings(settings),
                      args, trace), call)
  notes <- .signal_notes(res, call)
  attr(res, "notes") <- NULL
  if (!is.null(notes)) attr(res, "fulcrum_notes") <- notes
  res
}

fulcrum_notes <- function(x) attr(x, "notes")

# The library's long CSV as a data frame: "NA" is missing, label columns stay text.
.frame <- function(text, labels) {
  if (!nzchar(text)) return(data.frame())
  header <- strsplit(sub("\n.*", "", text), ",", fixed = TRUE)[[1]]
  keep <- intersect(labels, header)
  classes <- setNames(rep("character", length(keep)), keep)
  utils::read.csv(text = text, stringsAsFactors = FALSE, na.strings = "NA", check.names = FALSE,
                  colClasses = if (length(classes)) classes else NA)
}

.is_path <- function(s) !grepl("\n", s, fixed = TRUE) &&
  (file.exists(s) || grepl("\\.(ya?ml|json|csv|xml|tsv|txt)$", s, ignore.case = TRUE))

load_scenario <- function(path_or_text, salience_scale = 100, name = "scenario.yaml") {
  s <- as.character(path_or_text)[1]
  x <- if (.is_path(s)) .scenario(path = normalizePath(s, mustWork = FALSE), salience_scale = salience_scale)
       else .scenario(text = s, name = name, salience_scale = salience_scale)
  .run(x, "load", NULL)
  x
}

load_builtin <- function() .scenario()

validate <- function(x, salience_scale = 100, name = "scenario.yaml") {
  if (!inherits(x, "fulcrum_scenario"))
    x <- load_scenario(x, salience_scale = salience_scale, name = name)
  else
    .run(x, "load", NULL)
  invisible(TRUE)
}

print.fulcrum_scenario <- function(x, ...) {
  src <- if (!is.null(x$path)) x$path else if (!is.null(x$text)) x$name else "built-in (Azerbaijan 2014)"
  cat("<fulcrum scenario: ", src, ">\n", sep = "")
  invisible(x)
}

# ---- analyses ----

forecast <- function(x, models = NULL, preset = NULL, settings = NULL, issue = NULL,
                     format = c("frame", "csv", "json", "text")) {
  format <- match.arg(format)
  fmt <- if (format == "frame") "csv" else format
  out <- .run(x, "forecast", fmt, models, preset, issue, settings)
  .with_notes(if (format == "frame") .frame(out, c("model", "preset", "actor", "issue")) else .plain(out), out)
}

.plain <- function(text) {
  attr(text, "fulcrum_notes") <- NULL
  text
}

forecast_text <- function(x, models = NULL, preset = NULL, settings = NULL, issue = NULL, trace = FALSE) {
  out <- .run(x, "forecast", "text", models, preset, issue, settings, trace = trace)
  .with_notes(.plain(out), out)
}

dilemma <- function(x, models = NULL, preset = NULL, issue = NULL, mode = c("start", "commit"),
                    format = c("frame", "csv", "json", "text")) {
  mode <- match.arg(mode)
  format <- match.arg(format)
  fmt <- if (format == "frame") "csv" else format
  out <- .run(x, "dilemma", fmt, models, preset, issue, args = .args(mode = mode))
  if (format != "frame") return(.plain(out))
  .unstable(.with_notes(.frame(out, c("model", "preset", "mode", "issue", "choice", "figure", "actor", "event", "kind")),
                        out), sys.call())
}

# The dilemma's forecasts the library marks not stable (figure "stable", value 0: the run
# stopped at its round limit still moving), each signalled as a warning of class
# fulcrum_unstable and added to the frame's notes.
.unstable <- function(d, call) {
  if (!all(c("figure", "value", "model", "choice") %in% names(d))) return(d)
  bad <- d[d$figure == "stable" & !is.na(d$value) & d$value == 0, , drop = FALSE]
  if (!nrow(bad)) return(d)
  who <- paste0(bad$model, ifelse(is.na(bad$preset) | !nzchar(bad$preset), "", paste0(" (", bad$preset, ")")))
  msg <- paste0(who, ", choice ", bad$choice,
                ": no stable outcome: the run stopped at its round limit still moving")
  new <- data.frame(kind = "unstable", file = "", message = msg, field = "", value = "", when = "",
                    stringsAsFactors = FALSE)
  for (m in msg)
    warning(structure(class = c("fulcrum_unstable", "fulcrum_warning", "warning", "condition"),
                      list(message = m, call = call, kind = "unstable", file = "", field = "", value = "",
                           when = "")))
  attr(d, "notes") <- rbind(if (is.null(attr(d, "notes"))) NULL else attr(d, "notes"), new)
  d
}

sweep_scenario <- function(x, runs = 1000, model = NULL, preset = NULL, settings = NULL, issue = NULL,
                  seed = 1, threads = NULL, jitter = NULL, choices = FALSE, mode = NULL,
                  sensitivity = TRUE, format = c("frame", "csv", "json", "text")) {
  format <- match.arg(format)
  fmt <- switch(format, frame = "runs-csv", csv = "runs-csv", format)
  out <- .run(x, "sweep", fmt, model, preset, issue, settings,
              .args(runs = runs, seed = seed, threads = threads, jitter = jitter, choices = choices,
                    mode = mode, sensitivity = sensitivity))
  .with_notes(if (format == "frame") .frame(out, c("quantity", "actor", "issue", "choice")) else .plain(out), out)
}

backtest <- function(table, models = NULL, model = NULL, preset = NULL, settings = NULL,
                     capabilities = "council-votes", bootstrap = 2000, seed = 20140101, threads = NULL,
                     format = c("frame", "issues", "csv", "json", "text")) {
  format <- match.arg(format)
  fmt <- switch(format, frame = "csv", issues = "issues-csv", format)
  s <- as.character(table)[1]
  x <- if (.is_path(s)) .scenario(path = normalizePath(s, mustWork = FALSE))
       else .scenario(text = s, name = "table.tsv")
  if (!is.null(models)) models <- paste(models, collapse = ",")
  out <- .run(x, "backtest", fmt, model, preset, NULL, settings,
              .args(capabilities = capabilities, models = models, bootstrap = bootstrap, seed = seed,
                    threads = threads))
  if (format %in% c("frame", "issues"))
    .frame(out, c("model", "preset", "era", "proposal", "issue"))
  else .plain(out)
}

chart <- function(x, kind = c("issue", "trajectory", "bargains", "dilemma", "sweep"), file = NULL,
                  format = NULL, model = NULL, preset = NULL, settings = NULL, issue = NULL,
                  runs = NULL, mode = NULL, round = NULL, width = NULL, height = NULL) {
  kind <- match.arg(kind)
  if (is.null(format))
    format <- if (is.null(file)) "svg" else tolower(sub(".*\\.", "", basename(file)))
  bytes <- .check(.Call(C_fcr_chart, .src(x), kind, format, .sel(model, preset, issue),
                        .settings(settings),
                        .args(runs = runs, mode = mode, round = round, width = width, height = height)))
  if (is.null(file)) return(bytes)
  writeBin(bytes, file)
  invisible(file)
}

# ---- games ----

solve_game <- function(path, solver = c("enummixed", "enumpure", "spe")) {
  solver <- match.arg(solver)
  eq <- .check(.Call(C_fcr_game, normalizePath(path, mustWork = FALSE), solver))
  n <- vapply(eq, length, 1L)
  value <- unlist(eq, use.names = FALSE)
  if (is.null(value)) value <- character()
  data.frame(equilibrium = rep(seq_along(eq), n),
             entry = as.integer(unlist(lapply(n, seq_len), use.names = FALSE)),
             value = value,
             approx = vapply(strsplit(value, "/", fixed = TRUE),
                             function(p) if (length(p) == 2) as.numeric(p[1]) / as.numeric(p[2])
                                         else as.numeric(p[1]), 1),
             stringsAsFactors = FALSE)
}

fulcrum_version <- function() .Call(C_fcr_version)
