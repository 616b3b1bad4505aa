#!/usr/bin/env Rscript
# Reference fixtures for the t-tests in libs/stats/src/t-test, computed with
# stats::t.test, qt and pt. Run from the repository root:
#   Rscript libs/stats/reference/make-t-test-fixtures.R
# Writes libs/stats/fixtures/t-test.json. Deterministic (set.seed).

suppressPackageStartupMessages(library(jsonlite))

out_dir <- file.path("libs", "stats", "fixtures")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

source(file.path("libs", "stats", "reference", "fixture-json.R"))

meta <- list(
  r_version = R.version.string,
  survival_version = "not used",
  generated_by = "libs/stats/reference/make-t-test-fixtures.R"
)

# ---- cases -----------------------------------------------------------------
# estimate: mean of after - before (paired), mean(x) - mean(y) (Welch).
result <- function(tt, estimate) list(
  estimate = scalar(estimate), lower = scalar(tt$conf.int[1]), upper = scalar(tt$conf.int[2]),
  t = scalar(tt$statistic), df = scalar(tt$parameter), pvalue = scalar(tt$p.value),
  stderr = scalar(tt$stderr))

paired_case <- function(name, before, after, conf = 0.95, note = "") {
  tt <- t.test(after, before, paired = TRUE, conf.level = conf)
  c(list(name = name, note = note, kind = "paired", conf_level = scalar(conf),
         before = num(before), after = num(after)),
    result(tt, tt$estimate[[1]]))
}

welch_case <- function(name, x, y, conf = 0.95, note = "") {
  tt <- t.test(x, y, conf.level = conf)
  c(list(name = name, note = note, kind = "welch", conf_level = scalar(conf), x = num(x), y = num(y)),
    result(tt, tt$estimate[[1]] - tt$estimate[[2]]))
}

sleep1 <- sleep$extra[sleep$group == 1]
sleep2 <- sleep$extra[sleep$group == 2]
stopifnot(all(sleep$ID[sleep$group == 1] == sleep$ID[sleep$group == 2]))
formula_welch <- t.test(extra ~ group, data = sleep)

# Scores in [0, 1].
set.seed(20240710)
score <- function(n, a, b) round(rbeta(n, a, b), 4)
p2_before <- score(2, 2, 3); p2_after <- pmin(1, p2_before + c(0.12, 0.31))
p3_before <- score(3, 3, 3); p3_after <- score(3, 4, 2)
p40_before <- score(40, 2, 5); p40_after <- pmin(1, pmax(0, p40_before + rnorm(40, 0.05, 0.1)))
w_2_3 <- list(score(2, 2, 2), score(3, 5, 2))
w_3_3 <- list(score(3, 1, 1), score(3, 2, 1))
w_12_40 <- list(score(12, 5, 3), score(40, 2, 4))
w_150_60 <- list(runif(150), score(60, 3, 3))

cases <- list(
  paired_case("sleep_paired", sleep1, sleep2, note = "sleep: extra for drug 2 minus drug 1, paired by ID"),
  paired_case("sleep_paired_90", sleep1, sleep2, 0.9, "as sleep_paired with a 90% interval"),
  paired_case("scores_paired_n2", p2_before, p2_after, note = "two pairs: df = 1"),
  paired_case("scores_paired_n3", p3_before, p3_after),
  paired_case("scores_paired_n40_90", p40_before, p40_after, 0.9),
  c(welch_case("sleep_welch", sleep1, sleep2, note = "t.test(extra ~ group, data = sleep): group 1 minus group 2"),
    list(formula_statistic = scalar(formula_welch$statistic))),
  welch_case("scores_welch_2_3", w_2_3[[1]], w_2_3[[2]], note = "n = 2 and 3"),
  welch_case("scores_welch_3_3_90", w_3_3[[1]], w_3_3[[2]], 0.9),
  welch_case("scores_welch_12_40", w_12_40[[1]], w_12_40[[2]]),
  welch_case("scores_welch_150_60_90", w_150_60[[1]], w_150_60[[2]], 0.9, "unrounded uniform scores")
)

# ---- Student t distribution points ------------------------------------------
t_probs <- c(1e-10, 0.0005, 0.025, 0.05, 0.3, 0.5, 0.9, 0.95, 0.975, 0.995)
t_dfs <- c(1, 1.5, 2, 3, 4.75, 10, 37.2, 1000, 1e5)
t_values <- c(-40, -3.2, -0.7, 0, 1e-8, 0.25, 1.96, 2.5, 12, 300)
qt_points <- unlist(lapply(t_dfs, function(df) lapply(t_probs, function(p)
  list(p = scalar(p), df = scalar(df), value = scalar(qt(p, df))))), recursive = FALSE)
pt_points <- unlist(lapply(t_dfs, function(df) lapply(t_values, function(t)
  list(t = scalar(t), df = scalar(df), value = scalar(pt(t, df, lower.tail = FALSE))))), recursive = FALSE)

txt <- toJSON(list(meta = meta, cases = cases, qt = qt_points, pt_upper = pt_points),
              auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE)
writeLines(txt, file.path(out_dir, "t-test.json"))
cat("wrote", file.path(out_dir, "t-test.json"), "with", meta$r_version, "\n")
