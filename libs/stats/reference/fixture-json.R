# JSON helpers shared by the fixture scripts (sourced, from the repository root).
# jsonlite prints at most 15 significant digits, which does not round-trip a
# double; numbers are therefore written verbatim with %.17g. Non-finite values
# become the strings "NA", "NaN", "Inf", "-Inf" so their positions are kept.
fmt_num <- function(v) {
  v <- as.numeric(v)
  out <- sprintf("%.17g", v)
  out[is.infinite(v) & v > 0] <- '"Inf"'
  out[is.infinite(v) & v < 0] <- '"-Inf"'
  out[is.na(v)] <- '"NA"'
  out[is.nan(v)] <- '"NaN"'
  out
}
num <- function(v) structure(paste0("[", paste(fmt_num(v), collapse = ","), "]"), class = "json")
scalar <- function(v) structure(fmt_num(v)[1], class = "json")
mat <- function(m) structure(
  paste0("[", paste(apply(unname(as.matrix(m)), 1, function(r) num(r)), collapse = ","), "]"),
  class = "json")
flag <- function(v) structure(paste0("[", paste(ifelse(v, "true", "false"), collapse = ","), "]"), class = "json")
str_vec <- function(v) I(as.character(v))
