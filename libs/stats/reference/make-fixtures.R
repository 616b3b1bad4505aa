#!/usr/bin/env Rscript
# Reference fixtures for libs/stats, computed with R's `survival` package.
# Run from the repository root:  Rscript libs/stats/reference/make-fixtures.R
# Writes libs/stats/fixtures/*.json and the synthetic data sets in
# libs/stats/fixtures/data/*.csv. Deterministic: re-running gives identical files.

suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})

out_dir <- file.path("libs", "stats", "fixtures")
data_dir <- file.path(out_dir, "data")
dir.create(data_dir, recursive = TRUE, showWarnings = FALSE)

# ---- JSON helpers ----------------------------------------------------------
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

meta <- list(
  r_version = R.version.string,
  survival_version = as.character(packageVersion("survival")),
  generated_by = "libs/stats/reference/make-fixtures.R"
)

write_fixture <- function(name, cases) {
  body <- list(meta = meta, cases = cases)
  txt <- toJSON(body, auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE)
  writeLines(txt, file.path(out_dir, paste0(name, ".json")))
}

# ---- data sets -------------------------------------------------------------
lung_event <- lung$status == 2

# Heavy ties: integer times on a short range, so events and censorings share
# times, and censorings fall exactly on event times.
set.seed(20240611)
ties <- data.frame(
  time = sample(1:24, 150, replace = TRUE),
  status = rbinom(150, 1, 0.6),
  group = sample(c("A", "B", "C"), 150, replace = TRUE)
)
write.csv(ties, file.path(data_dir, "ties.csv"), row.names = FALSE)

# Competing risks: promotion vs exit, times rounded up to 30-day months so the
# two event types and censoring tie often.
set.seed(20240612)
n_cr <- 300
t_prom <- ceiling(rexp(n_cr, 1 / 500) / 30) * 30
t_exit <- ceiling(rexp(n_cr, 1 / 700) / 30) * 30
t_cens <- ceiling(runif(n_cr, 60, 1800) / 30) * 30
cr_time <- pmin(t_prom, t_exit, t_cens)
cr_status <- ifelse(cr_time == t_prom, "promotion", ifelse(cr_time == t_exit, "exit", "censor"))
competing <- data.frame(time = cr_time, status = cr_status)
write.csv(competing, file.path(data_dir, "competing.csv"), row.names = FALSE)

# Hand-made edge cases.
edge <- list(
  flat_median = list(
    note = "S is exactly 0.5 on [5, 9): median is the midpoint 7; the curve reaches 0 at 12; upper CI undefined",
    time = c(1, 2, 3, 4, 5, 6, 7, 9, 10, 12), status = c(1, 1, 1, 1, 1, 0, 0, 1, 1, 1)),
  near_half_rounding = list(
    note = "S = 8/9 * 7/8 * 6/7 * 3/4 is 0.5 only up to rounding on [6, 9): the sqrt(eps) tolerance gives the midpoint 7.5; S reaches 0 at 9",
    time = 1:9, status = c(1, 1, 1, 0, 0, 1, 0, 0, 1)),
  near_half_above = list(
    note = "S = 9/15 * 5/6 rounds to just above 0.5 on [10, 15): the tolerance still gives the midpoint 12.5",
    time = 1:15, status = c(1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1)),
  ends_at_half = list(
    note = "S ends at exactly 0.5 after censoring: quantile() uses (3 + last time)/2, print() uses 3",
    time = 1:6, status = c(1, 1, 1, 0, 0, 0)),
  never_half = list(
    note = "S never reaches 0.5: median and CI are NA",
    time = 1:10, status = c(1, rep(0, 9))),
  all_censored = list(
    note = "no events: S = 1 with zero standard error",
    time = c(3, 5, 5, 8), status = c(0, 0, 0, 0)),
  single_event = list(note = "one subject with an event: S drops to 0", time = 4, status = 1),
  near_ties = list(
    note = "times closer than sqrt(.Machine$double.eps) are merged by survfit's timefix (aeqSurv)",
    time = c(1, 1 + 1e-12, 2, 3, 3 + 1e-9, 4, 5 - 1e-10, 5), status = c(1, 1, 0, 1, 1, 1, 0, 1)),
  censored_at_event_times = list(
    note = "censorings at event times count as at risk",
    time = c(2, 2, 2, 2, 4, 4, 4, 6, 6, 8), status = c(1, 1, 0, 0, 1, 0, 0, 1, 0, 1))
)

# ---- Kaplan-Meier ----------------------------------------------------------
km_case <- function(name, time, status, note = "") {
  fit <- survfit(Surv(time, status) ~ 1)
  sm <- summary(fit, censored = TRUE)
  q <- quantile(fit, 0.5)
  tab <- summary(fit)$table
  list(
    name = name, note = note,
    input = list(time = num(time), event = flag(status == 1)),
    n = scalar(fit$n),
    fit = list(
      time = num(fit$time), n_risk = num(fit$n.risk), n_event = num(fit$n.event),
      n_censor = num(fit$n.censor), surv = num(fit$surv), std_err = num(fit$std.err),
      lower = num(fit$lower), upper = num(fit$upper)),
    summary_std_err = num(sm$std.err),
    quantile_median = list(median = scalar(q$quantile), lower = scalar(q$lower), upper = scalar(q$upper)),
    print_median = list(median = scalar(tab[["median"]]), lower = scalar(tab[["0.95LCL"]]),
                        upper = scalar(tab[["0.95UCL"]]))
  )
}

km_cases <- list(
  km_case("aml", aml$time, aml$status),
  km_case("aml_maintained", aml$time[aml$x == "Maintained"], aml$status[aml$x == "Maintained"]),
  km_case("lung", lung$time, as.integer(lung_event)),
  km_case("lung_female", lung$time[lung$sex == 2], as.integer(lung_event[lung$sex == 2])),
  km_case("ovarian", ovarian$futime, ovarian$fustat, "median upper CI is NA"),
  km_case("ties", ties$time, ties$status)
)
for (nm in names(edge)) {
  e <- edge[[nm]]
  km_cases[[length(km_cases) + 1]] <- km_case(nm, e$time, e$status, e$note)
}
write_fixture("kaplan-meier", km_cases)

# ---- Aalen-Johansen (competing risks) --------------------------------------
aj_case <- function(name, time, status, note = "") {
  fs <- factor(status, levels = c("censor", "promotion", "exit"))
  fit <- survfit(Surv(time, fs) ~ 1)
  st <- fit$states
  col <- function(m, s) unname(as.matrix(m)[, match(s, st)])
  list(
    name = name, note = note,
    input = list(time = num(time), status = str_vec(status)),
    n = scalar(fit$n), states = str_vec(st),
    fit = list(
      time = num(fit$time), n_risk = num(col(fit$n.risk, "(s0)")),
      n_event_promotion = num(col(fit$n.event, "promotion")),
      n_event_exit = num(col(fit$n.event, "exit")), n_censor = num(fit$n.censor),
      pstate_s0 = num(col(fit$pstate, "(s0)")),
      pstate_promotion = num(col(fit$pstate, "promotion")),
      pstate_exit = num(col(fit$pstate, "exit")),
      std_err_promotion = num(col(fit$std.err, "promotion")),
      std_err_exit = num(col(fit$std.err, "exit")),
      lower_promotion = num(col(fit$lower, "promotion")),
      upper_promotion = num(col(fit$upper, "promotion")),
      lower_exit = num(col(fit$lower, "exit")),
      upper_exit = num(col(fit$upper, "exit")))
  )
}
mg_time <- with(mgus2, ifelse(pstat == 0, futime, ptime))
mg_status <- with(mgus2, ifelse(pstat == 0, ifelse(death == 1, "exit", "censor"), "promotion"))
aj_cases <- list(
  aj_case("competing", competing$time, competing$status),
  aj_case("mgus2", mg_time, mg_status, "mgus2: progression (pcm) as promotion, death as exit"),
  aj_case("small_ties",
          c(1, 1, 1, 2, 2, 2, 2, 3, 4, 4, 5, 5),
          c("promotion", "exit", "censor", "promotion", "promotion", "exit", "censor",
            "censor", "exit", "promotion", "promotion", "exit"),
          "both event types and a censoring at one time; everyone leaves by t = 5")
)
write_fixture("aalen-johansen", aj_cases)

# ---- log-rank (survdiff, rho = 0) -------------------------------------------
sd_case <- function(name, time, status, group, note = "") {
  g <- factor(group)
  sd <- survdiff(Surv(time, status) ~ g)
  list(
    name = name, note = note,
    input = list(time = num(time), event = flag(status == 1), group = str_vec(g)),
    levels = str_vec(levels(g)),
    obs = num(sd$obs), exp = num(sd$exp), var = mat(sd$var),
    chisq = scalar(sd$chisq), df = scalar(sum(sd$exp > 0) - 1), pvalue = scalar(sd$pvalue)
  )
}
ecog <- !is.na(lung$ph.ecog)
sd_cases <- list(
  sd_case("lung_sex", lung$time, as.integer(lung_event), lung$sex),
  sd_case("lung_ph_ecog", lung$time[ecog], as.integer(lung_event[ecog]), lung$ph.ecog[ecog],
          "4 groups; ph.ecog = 3 has a single subject"),
  sd_case("aml_x", aml$time, aml$status, as.character(aml$x)),
  sd_case("ovarian_rx", ovarian$futime, ovarian$fustat, ovarian$rx),
  sd_case("ties_group", ties$time, ties$status, ties$group)
)
write_fixture("log-rank", sd_cases)

# ---- Poisson rates and rate ratios (poisson.test) --------------------------
rate_inputs <- list(c(0, 10), c(1, 2.5), c(4, 1234.5), c(7, 123.4), c(150, 9876.5), c(2000, 40000))
rate_cases <- lapply(rate_inputs, function(v) {
  pt <- poisson.test(v[1], v[2])
  list(events = scalar(v[1]), person_years = scalar(v[2]), estimate = scalar(pt$estimate),
       lower = scalar(pt$conf.int[1]), upper = scalar(pt$conf.int[2]))
})
ratio_inputs <- list(c(3, 100, 10, 120), c(0, 50, 4, 60), c(5, 10, 0, 20), c(25, 1000, 40, 1200),
                     c(500, 10000, 450, 11000), c(1, 0.5, 1, 2.5), c(12, 340.25, 30, 410.75))
ratio_cases <- lapply(ratio_inputs, function(v) {
  pt <- poisson.test(v[c(1, 3)], v[c(2, 4)])
  list(events1 = scalar(v[1]), person_years1 = scalar(v[2]),
       events2 = scalar(v[3]), person_years2 = scalar(v[4]),
       estimate = scalar(pt$estimate), lower = scalar(pt$conf.int[1]), upper = scalar(pt$conf.int[2]))
})
writeLines(toJSON(list(meta = meta, rates = rate_cases, ratios = ratio_cases),
                  auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE),
           file.path(out_dir, "rates.json"))

# ---- interval tables from a Kaplan-Meier curve ------------------------------
interval_case <- function(name, time, status, interval, horizon) {
  fit <- survfit(Surv(time, status) ~ 1)
  starts <- seq(0, horizon - 1e-9, by = interval)
  ends <- pmin(starts + interval, horizon)
  at_end <- function(e, field) {
    if (e > max(fit$time)) return(NA_real_)
    summary(fit, times = e)[[field]]
  }
  list(
    name = name, interval_days = scalar(interval), horizon_days = scalar(horizon),
    input = list(time = num(time), event = flag(status == 1)),
    start = num(starts), end = num(ends),
    at_risk = num(sapply(starts, function(s) sum(time >= s))),
    events = num(mapply(function(s, e) sum(status == 1 & time >= s & time < e), starts, ends)),
    censored = num(mapply(function(s, e) sum(status == 0 & time >= s & time < e), starts, ends)),
    surv = num(sapply(ends, at_end, field = "surv")),
    lower = num(sapply(ends, at_end, field = "lower")),
    upper = num(sapply(ends, at_end, field = "upper"))
  )
}
write_fixture("interval-table", list(
  interval_case("lung_90d", lung$time, as.integer(lung_event), 90, 1000),
  interval_case("aml_30d_past_follow_up", aml$time, aml$status, 30, 200)
))

# ---- distribution functions ------------------------------------------------
probs <- c(1e-12, 0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999999)
shapes <- c(0.1, 0.5, 1, 2.5, 7, 8, 150, 2001, 50000)
beta_shapes <- list(c(0.5, 0.5), c(1, 1), c(1, 30), c(3, 11), c(25, 41), c(501, 450), c(5000, 7000))
chisq_points <- list(c(0, 1), c(1e-05, 1), c(0.3126, 2), c(3.84, 1), c(10.3267, 1), c(21.96, 3), c(100, 3), c(500, 400))
dist <- list(
  qnorm = lapply(probs, function(p) list(p = scalar(p), value = scalar(qnorm(p)))),
  qgamma = unlist(lapply(shapes, function(a) lapply(probs, function(p)
    list(p = scalar(p), shape = scalar(a), value = scalar(qgamma(p, a))))), recursive = FALSE),
  qbeta = unlist(lapply(beta_shapes, function(ab) lapply(probs, function(p)
    list(p = scalar(p), a = scalar(ab[1]), b = scalar(ab[2]), value = scalar(qbeta(p, ab[1], ab[2]))))), recursive = FALSE),
  pchisq_upper = lapply(chisq_points, function(v)
    list(x = scalar(v[1]), df = scalar(v[2]), value = scalar(pchisq(v[1], v[2], lower.tail = FALSE))))
)
writeLines(toJSON(c(list(meta = meta), dist), auto_unbox = TRUE, json_verbatim = TRUE, pretty = TRUE),
           file.path(out_dir, "distributions.json"))

cat("fixtures written to", out_dir, "with", meta$r_version, "survival", meta$survival_version, "\n")
