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

source(file.path("libs", "stats", "reference", "fixture-json.R"))

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

# ---- interval tables ----------------------------------------------------------
# intervalTable's rows are the rows of summary(fit, times = ends, extend = TRUE):
# events, competing events and censorings in (previous end, end], the first row
# also taking time 0 (summary sums everything up to its first requested time).
# The number at risk of a row is the number at risk just after its start, i.e.
# with time > start (summary's own n.risk rule applied just after start), and
# n for the first row; so at_risk[i + 1] = at_risk[i] - the row's counts, and
# with follow-up censored at the horizon the counts add up to n.
# The curve at `end` is summary(fit, times = end) with extend = FALSE: NA once
# `end` is past the last observed time.
censor_at_horizon <- function(time, status, horizon, censor_code) {
  status[time > horizon] <- censor_code
  list(time = pmin(time, horizon), status = status)
}

interval_case <- function(name, estimator, time, status, interval, horizon, note = "") {
  km <- estimator == "kaplan-meier"
  fit <- if (km) survfit(Surv(time, status) ~ 1) else
    survfit(Surv(time, factor(status, levels = c("censor", "promotion", "exit"))) ~ 1)
  starts <- interval * (0:ceiling(horizon / interval))  # as intervalTable: i * interval < horizon
  starts <- starts[starts < horizon]
  ends <- pmin(starts + interval, horizon)
  col <- function(m, s) if (km) as.vector(m) else unname(as.matrix(m)[, match(s, fit$states)])
  risk <- col(fit$n.risk, "(s0)")
  at_ends <- summary(fit, times = ends, extend = TRUE)
  events <- col(at_ends$n.event, if (km) NULL else "promotion")
  competing <- if (km) NULL else col(at_ends$n.event, "exit")
  censored <- at_ends$n.censor
  # at risk: n for the first row, then n.risk at the first observed time after the start
  at_risk <- c(col(summary(fit, times = 0)$n.risk, "(s0)"),
               c(risk, 0)[findInterval(starts[-1], fit$time) + 1])
  # cross-checks against R's other ways of saying the same
  at_starts <- summary(fit, times = starts, extend = TRUE)
  on_start <- sapply(starts, function(s) sum(time == s))
  stopifnot(at_risk[1] == fit$n,
            all(at_risk[-1] == (col(at_starts$n.risk, "(s0)") - on_start)[-1]),
            all(at_risk[-1] == sapply(starts[-1], function(s) sum(time > s))),
            all(at_risk == fit$n - c(0, cumsum(events + (if (km) 0 else competing) + censored))[seq_along(starts)]),
            sum(events) + sum(competing) + sum(censored) + sum(time > horizon) == fit$n)
  past <- ends > max(fit$time)
  value <- function(m, s) { v <- col(m, s); v[past] <- NA; v }
  state <- if (km) NULL else "promotion"
  input <- if (km) list(time = num(time), event = flag(status == 1)) else
    list(time = num(time), status = str_vec(status))
  case <- list(
    name = name, note = note, estimator = estimator,
    interval_days = scalar(interval), horizon_days = scalar(horizon),
    input = input, n = scalar(fit$n),
    start = num(starts), end = num(ends), at_risk = num(at_risk),
    events = num(events), censored = num(censored),
    estimate = num(value(at_ends[[if (km) "surv" else "pstate"]], state)),
    lower = num(value(at_ends$lower, state)), upper = num(value(at_ends$upper, state))
  )
  if (!km) case$competing <- num(competing)
  case
}

# Whole-day follow-up with many events and censorings exactly on 30-day
# boundaries, events and censorings at time 0, censored at a 360-day horizon
# (so some are censored at exactly 360, and some have events there).
set.seed(20240613)
n_b <- 240
b_time <- ifelse(runif(n_b) < 0.45, 30 * sample(0:13, n_b, replace = TRUE), sample(0:420, n_b, replace = TRUE))
b_status <- rbinom(n_b, 1, 0.55)
b_time <- c(b_time, 0, 0, 0, 360, 360)
b_status <- c(b_status, 1, 1, 0, 1, 1)
b <- censor_at_horizon(b_time, b_status, 360, 0)

# Months of 30.4375 days over a 16-month horizon: the only whole-day boundary
# is the horizon, day 487, where 14 events fall; follow-up is censored there.
set.seed(20240614)
m_time <- c(sample(0:600, 180, replace = TRUE), rep(487, 14), rep(0, 3))
m_status <- c(rbinom(180, 1, 0.5), rep(1, 14), c(1, 1, 0))
m <- censor_at_horizon(m_time, m_status, 487, 0)

# Competing risks on 30-day steps (the competing set) with 90-day rows and a
# 720-day horizon; and a small set with both event types and censoring at time
# 0 and on 30-day boundaries, censored at 180 days.
cr <- censor_at_horizon(competing$time, competing$status, 720, "censor")
set.seed(20240615)
n_z <- 120
z_time <- ifelse(runif(n_z) < 0.5, 30 * sample(0:7, n_z, replace = TRUE), sample(0:220, n_z, replace = TRUE))
z_status <- sample(c("promotion", "exit", "censor"), n_z, replace = TRUE, prob = c(0.4, 0.3, 0.3))
z_time <- c(z_time, 0, 0, 0, 180, 180, 180)
z_status <- c(z_status, "promotion", "exit", "censor", "promotion", "exit", "censor")
z <- censor_at_horizon(z_time, z_status, 180, "censor")
mg <- censor_at_horizon(mg_time, mg_status, 120, "censor")
tie <- censor_at_horizon(ties$time, ties$status, 22, 0)

write_fixture("interval-table", list(
  interval_case("lung_90d", "kaplan-meier", lung$time, as.integer(lung_event), 90, 1000,
                "not censored at the horizon: the 2 subjects followed past day 1000 are in no row"),
  interval_case("aml_30d_past_follow_up", "kaplan-meier", aml$time, aml$status, 30, 200,
                "rows past the last observed time: nobody at risk, curve NA"),
  interval_case("boundaries_30d_360", "kaplan-meier", b$time, b$status, 30, 360,
                "events and censorings on 30-day boundaries, at time 0 and at the horizon"),
  interval_case("month_16_horizon", "kaplan-meier", m$time, m$status, 30.4375, 487,
                "30.4375-day months, 16-month horizon = day 487 with 14 events on it; events at time 0"),
  interval_case("ties_6d", "kaplan-meier", ties$time, ties$status, 6, 24,
                "heavy ties on every boundary; the horizon is the last time"),
  interval_case("ties_5d_22", "kaplan-meier", tie$time, tie$status, 5, 22,
                "ties censored at 22: a short last row (20, 22] with censoring at the horizon"),
  interval_case("competing_90d_720", "aalen-johansen", cr$time, cr$status, 90, 720,
                "competing set (30-day steps) censored at 720: both event types on 90-day boundaries"),
  interval_case("competing_time0_30d", "aalen-johansen", z$time, z$status, 30, 180,
                "both event types and censoring at time 0, on 30-day boundaries and at the horizon"),
  interval_case("mgus2_12m_120", "aalen-johansen", mg$time, mg$status, 12, 120,
                "mgus2 (months) in 12-month rows, censored at 120 months")
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
