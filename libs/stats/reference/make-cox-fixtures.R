#!/usr/bin/env Rscript
# Reference fixtures for the Cox proportional hazards model in
# libs/stats/src/cox, computed with survival::coxph.
# Run from the repository root:  Rscript libs/stats/reference/make-cox-fixtures.R
# Writes libs/stats/fixtures/cox.json. Deterministic: re-running gives an
# identical file.
#
# Each case stores the model matrix exactly as coxph used it (model.matrix
# coding, NA rows dropped), so the TypeScript side fits the same numbers.

suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})

out_dir <- file.path("libs", "stats", "fixtures")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

source(file.path("libs", "stats", "reference", "fixture-json.R"))

meta <- list(
  r_version = R.version.string,
  survival_version = as.character(packageVersion("survival")),
  generated_by = "libs/stats/reference/make-cox-fixtures.R"
)

# ---- one fitted case -------------------------------------------------------
chisq_test <- function(statistic, df) {
  list(statistic = scalar(statistic), df = scalar(df),
       pvalue = scalar(pchisq(statistic, df, lower.tail = FALSE)))
}

# `extra` is merged into the input block (e.g. the raw competing-risk cause).
cox_case <- function(name, formula, data, ties = "efron", init = NULL, conf = 0.95,
                     note = "", extra = list()) {
  fit <- if (is.null(init)) coxph(formula, data = data, ties = ties, x = TRUE) else
    coxph(formula, data = data, ties = ties, init = init, x = TRUE)
  s <- summary(fit, conf.int = conf)
  cf <- s$coefficients
  ci <- s$conf.int
  df <- length(coef(fit))
  input <- c(list(time = num(fit$y[, 1]), status = num(fit$y[, 2]), covariates = mat(fit$x)), extra)
  if (!is.null(fit$strata)) input$stratum <- str_vec(fit$strata)
  case <- list(
    name = name, note = note, formula = paste(deparse(formula), collapse = " "),
    ties = ties, conf_level = scalar(conf), terms = str_vec(colnames(fit$x)),
    input = input,
    n = scalar(fit$n), nevent = scalar(fit$nevent),
    coef = num(cf[, "coef"]), se = num(cf[, "se(coef)"]), exp_coef = num(cf[, "exp(coef)"]),
    z = num(cf[, "z"]), pvalue = num(cf[, "Pr(>|z|)"]),
    lower = num(ci[, 3]), upper = num(ci[, 4]),
    var = mat(fit$var), means = num(fit$means),
    loglik = num(fit$loglik), iter = scalar(fit$iter),
    wald = chisq_test(fit$wald.test, df),
    lr = chisq_test(2 * (fit$loglik[2] - fit$loglik[1]), df),
    score = chisq_test(fit$score, df)
  )
  if (!is.null(init)) case$init <- num(init)
  case
}

# ---- data sets -------------------------------------------------------------
lung_cc <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog")])
lung_cc$dead <- as.integer(lung_cc$status == 2)

# Cause-specific hazard of progression (pcm) in mgus2: death before
# progression is a competing event, coded as censored (pstat = 0).
mg <- na.omit(mgus2[, c("ptime", "pstat", "death", "age", "sex", "hgb")])
mg_cause <- with(mg, ifelse(pstat == 1, "progression", ifelse(death == 1, "death", "censored")))

# Heavy ties: integer times 1-20, censorings rounded onto event times. x2 is a
# 0/1 dummy and x3 takes values in {-1, 0, 1}: coxph leaves both uncentred
# (its nocenter = c(-1, 0, 1)), while x1 is centred and scaled.
set.seed(20240701)
n_t <- 300
ties_df <- data.frame(
  x1 = round(rnorm(n_t, 50, 10), 1),
  x2 = rbinom(n_t, 1, 0.4),
  x3 = sample(c(-1, 0, 1), n_t, replace = TRUE)
)
lin_t <- with(ties_df, 0.03 * (x1 - 50) + 0.5 * x2 - 0.4 * x3)
t_event <- rexp(n_t, 0.08 * exp(lin_t))
t_cens <- runif(n_t, 2, 20)
ties_df$time <- ceiling(pmin(t_event, t_cens))
ties_df$status <- as.integer(t_event <= t_cens)

# Strata with different baseline hazards, integer times 1-12, a three-level
# factor (two dummies) and an integer score.
set.seed(20240702)
n_s <- 400
strata_df <- data.frame(
  g = sample(c("north", "south", "east"), n_s, replace = TRUE),
  x1 = round(runif(n_s, 20, 65)),
  x2 = factor(sample(c("a", "b", "c"), n_s, replace = TRUE, prob = c(0.5, 0.3, 0.2))),
  x3 = sample(1:5, n_s, replace = TRUE)
)
base_s <- c(north = 0.05, south = 0.12, east = 0.25)[strata_df$g]
lin_s <- with(strata_df, -0.02 * (x1 - 40) + 0.6 * (x2 == "b") - 0.3 * (x2 == "c") + 0.15 * x3)
s_event <- rexp(n_s, base_s * exp(lin_s))
s_cens <- runif(n_s, 1, 12)
strata_df$time <- ceiling(pmin(s_event, s_cens))
strata_df$status <- as.integer(s_event <= s_cens)

# Follow-up that can end on day 0 (a leaving on the entry day): the sim_ties
# data one day earlier, so times run 0-19 with ties at 0.
zero_df <- ties_df
zero_df$time <- zero_df$time - 1

# A study's adjusted model as Rung builds it: three arms (the first the
# reference), level at entry and a grouping as factors, integer days from 0.
set.seed(20240703)
n_d <- 600
design_df <- data.frame(
  arm = factor(sample(c("comparison", "mentored", "coached"), n_d, replace = TRUE), levels = c("comparison", "mentored", "coached")),
  level = factor(sample(c(2, 3, 5), n_d, replace = TRUE, prob = c(0.5, 0.3, 0.2))),
  group = factor(sample(c("white", "bme"), n_d, replace = TRUE), levels = c("white", "bme"))
)
lin_d <- with(design_df, 0.4 * (arm == "mentored") + 0.1 * (arm == "coached") - 0.3 * (level == "3") - 0.6 * (level == "5") + 0.25 * (group == "bme"))
d_event <- rexp(n_d, 0.002 * exp(lin_d))
d_cens <- runif(n_d, 100, 1100)
design_df$time <- floor(pmin(d_event, d_cens))
design_df$status <- as.integer(d_event <= d_cens)

# ---- cases -----------------------------------------------------------------
cases <- list(
  cox_case("lung", Surv(time, dead) ~ age + sex + ph.ecog, lung_cc,
           note = "lung, event = status == 2, rows with NA ph.ecog dropped"),
  cox_case("lung_init", Surv(time, dead) ~ age + sex + ph.ecog, lung_cc, init = c(0.5, 2, -3),
           note = "a poor starting point: loglik[1] is at init, the first steps need halving; tests are against init"),
  cox_case("lung_breslow_90", Surv(time, dead) ~ age + sex + ph.ecog, lung_cc, ties = "breslow", conf = 0.9,
           note = "Breslow ties, 90% confidence intervals"),
  cox_case("ovarian", Surv(futime, fustat) ~ age + ecog.ps + rx, ovarian,
           note = "ecog.ps and rx are coded 1/2, so coxph centres them"),
  cox_case("mgus2_progression", Surv(ptime, pstat) ~ age + sex + hgb, mg,
           note = "cause-specific hazard of progression; death before progression coded as censored; sexM is a 0/1 dummy",
           extra = list(cause = str_vec(mg_cause))),
  cox_case("sim_ties", Surv(time, status) ~ x1 + x2 + x3, ties_df,
           note = "set.seed(20240701): integer times 1-20, heavy ties; x2 0/1 and x3 in {-1,0,1} are not centred"),
  cox_case("sim_ties_breslow", Surv(time, status) ~ x1 + x2 + x3, ties_df, ties = "breslow",
           note = "the sim_ties data with Breslow ties"),
  cox_case("sim_strata", Surv(time, status) ~ x1 + x2 + x3 + strata(g), strata_df,
           note = "set.seed(20240702): three strata, integer times 1-12, factor x2 as dummies x2b, x2c"),
  cox_case("sim_strata_breslow", Surv(time, status) ~ x1 + x2 + x3 + strata(g), strata_df, ties = "breslow",
           note = "the sim_strata data with Breslow ties"),
  cox_case("sim_zero_times", Surv(time, status) ~ x1 + x2 + x3, zero_df,
           note = "the sim_ties data one day earlier: times 0-19, events and censorings at time 0"),
  cox_case("study_design", Surv(time, status) ~ arm + level + group, design_df,
           note = "set.seed(20240703): a study's adjusted model, factors with treatment contrasts (first level the reference)",
           extra = list(arm = str_vec(design_df$arm), level = str_vec(design_df$level), group = str_vec(design_df$group))),
  cox_case("study_design_unadjusted", Surv(time, status) ~ arm, design_df,
           note = "the study_design data, the arm alone")
)

txt <- toJSON(list(meta = meta, cases = cases), auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE)
writeLines(txt, file.path(out_dir, "cox.json"))
cat("wrote", file.path(out_dir, "cox.json"), "with", meta$r_version, "survival", meta$survival_version, "\n")
