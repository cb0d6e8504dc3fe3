//! What `luadiff bench` measured, and how it is shown: a text table, Markdown (for the
//! README) and JSON (also the format of `benches/baseline.json`), plus the comparison of
//! today's ratios with a baseline (`--check`).
//!
//! A ratio is native's median time divided by the engine's median time, so 1.0 is native
//! speed and 0.5 is twice as slow. The geometric mean of an engine is taken over the
//! benchmarks where it agreed with native; a benchmark where it diverged or failed is
//! excluded from it and reported instead.

use std::fmt::Write as _;

use serde_json::{Map, Value as Json, json};

use crate::bench::Size;

/// Which clock times a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// CPU time of the process that runs the engine (all its threads, and the
    /// subprocesses of an `ext:` engine). Other processes on the machine change it little.
    Cpu,
    /// Elapsed time. What a user waits for, but it grows with the machine's load.
    Wall,
}

impl Clock {
    pub fn name(self) -> &'static str {
        match self {
            Clock::Cpu => "cpu",
            Clock::Wall => "wall",
        }
    }
}

/// Why an engine has no ratio on a benchmark.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Its outcome differs from native's (the diff, native first).
    Diverged(String),
    /// The measurement itself failed (the child process died, for example).
    Failed(String),
    /// Native did not produce a usable reference, so nothing was compared or timed.
    NoReference(String),
}

impl Problem {
    pub fn summary(&self) -> String {
        match self {
            Problem::Diverged(_) => "diverges from native".to_string(),
            Problem::Failed(why) => format!("failed: {why}"),
            Problem::NoReference(why) => format!("no native reference: {why}"),
        }
    }

    fn label(&self) -> &'static str {
        match self {
            Problem::Diverged(_) => "DIVERGES",
            Problem::Failed(_) => "FAILED",
            Problem::NoReference(_) => "NO REF",
        }
    }
}

/// One engine on one benchmark.
#[derive(Clone, Debug, PartialEq)]
pub struct EngineResult {
    pub engine: String,
    /// Seconds of each run that agreed with native, in run order.
    pub times: Vec<f64>,
    /// The largest growth of the resident set during a run, in bytes, where measured.
    pub peak_rss: Option<u64>,
    /// The engine's own count of its peak heap (`Cost::peak_memory`), where it has one.
    pub heap_peak: Option<u64>,
    pub problem: Option<Problem>,
}

impl EngineResult {
    pub fn new(engine: &str) -> EngineResult {
        EngineResult {
            engine: engine.to_string(),
            times: Vec::new(),
            peak_rss: None,
            heap_peak: None,
            problem: None,
        }
    }

    /// The median time, when the engine has no problem.
    pub fn median(&self) -> Option<f64> {
        if self.problem.is_some() {
            return None;
        }
        median(&self.times)
    }
}

/// One benchmark on every engine, in the run's engine order (native first).
#[derive(Clone, Debug, PartialEq)]
pub struct BenchResult {
    pub name: String,
    pub engines: Vec<EngineResult>,
}

impl BenchResult {
    pub fn engine(&self, name: &str) -> Option<&EngineResult> {
        self.engines.iter().find(|e| e.engine == name)
    }

    /// Native time / engine time, when both have a median.
    pub fn ratio(&self, engine: &str) -> Option<f64> {
        let native = self.engine("native")?.median()?;
        let other = self.engine(engine)?.median()?;
        (other > 0.0).then(|| native / other)
    }
}

/// A whole `luadiff bench` run.
#[derive(Clone, Debug, PartialEq)]
pub struct Results {
    pub size: Size,
    pub runs: usize,
    pub clock: Clock,
    /// Native first.
    pub engines: Vec<String>,
    pub benchmarks: Vec<BenchResult>,
    /// Free text on where and when: date, machine, load.
    pub context: Vec<(String, String)>,
}

impl Results {
    /// The geometric mean of an engine's ratios, over the benchmarks where it has one,
    /// and how many benchmarks that is.
    pub fn geomean(&self, engine: &str) -> Option<(f64, usize)> {
        let ratios: Vec<f64> = self
            .benchmarks
            .iter()
            .filter_map(|b| b.ratio(engine))
            .collect();
        if ratios.is_empty() {
            return None;
        }
        let mean_log = ratios.iter().map(|r| r.ln()).sum::<f64>() / ratios.len() as f64;
        Some((mean_log.exp(), ratios.len()))
    }

    /// Every (benchmark, engine, problem), in table order.
    pub fn problems(&self) -> Vec<(&str, &str, &Problem)> {
        let mut found = Vec::new();
        for bench in &self.benchmarks {
            for result in &bench.engines {
                if let Some(problem) = &result.problem {
                    found.push((bench.name.as_str(), result.engine.as_str(), problem));
                }
            }
        }
        found
    }

    /// The readable table: time and % of native per engine, geometric means, then peak
    /// memory.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "luadiff bench: size {}, {} run{} per engine, {} clock; median time, and speed as % of native (higher is faster)",
            self.size.name(),
            self.runs,
            if self.runs == 1 { "" } else { "s" },
            self.clock.name()
        );
        for (key, value) in &self.context {
            let _ = writeln!(out, "{key}: {value}");
        }
        let width = self
            .benchmarks
            .iter()
            .map(|b| b.name.len())
            .max()
            .unwrap_or(0)
            .max("peak memory (MiB)".len());
        let _ = write!(out, "\n{:<width$}", "benchmark");
        for engine in &self.engines {
            let _ = write!(out, "  {engine:>15}");
        }
        out.push('\n');
        for bench in &self.benchmarks {
            let _ = write!(out, "{:<width$}", bench.name);
            for engine in &self.engines {
                let cell = match bench.engine(engine) {
                    Some(result) => match (&result.problem, result.median()) {
                        (Some(problem), _) => problem.label().to_string(),
                        (None, Some(time)) if engine == "native" => seconds(time),
                        (None, Some(time)) => match bench.ratio(engine) {
                            Some(ratio) => format!("{} {:>5}", seconds(time), percent(ratio)),
                            None => seconds(time),
                        },
                        (None, None) => "-".to_string(),
                    },
                    None => "-".to_string(),
                };
                let _ = write!(out, "  {cell:>15}");
            }
            out.push('\n');
        }
        let _ = write!(out, "{:<width$}", "geomean");
        for engine in &self.engines {
            let cell = match self.geomean(engine) {
                Some((mean, count)) if count == self.benchmarks.len() => percent(mean),
                Some((mean, count)) => format!("{} ({count})", percent(mean)),
                None => "-".to_string(),
            };
            let _ = write!(out, "  {cell:>15}");
        }
        out.push('\n');
        if self.has_memory() {
            let _ = write!(out, "\n{:<width$}", "peak memory (MiB)");
            for engine in &self.engines {
                let _ = write!(out, "  {engine:>15}");
            }
            out.push('\n');
            for bench in &self.benchmarks {
                let _ = write!(out, "{:<width$}", bench.name);
                for engine in &self.engines {
                    let cell = bench
                        .engine(engine)
                        .and_then(|r| r.peak_rss)
                        .map(mebibytes)
                        .unwrap_or_else(|| "-".to_string());
                    let _ = write!(out, "  {cell:>15}");
                }
                out.push('\n');
            }
        }
        let problems = self.problems();
        if !problems.is_empty() {
            let _ = writeln!(
                out,
                "\n{} excluded from the ratios (see the reports above):",
                problems.len()
            );
            for (bench, engine, problem) in problems {
                let _ = writeln!(out, "  {engine} on {bench}: {}", problem.summary());
            }
        }
        out
    }

    fn has_memory(&self) -> bool {
        self.benchmarks
            .iter()
            .any(|b| b.engines.iter().any(|e| e.peak_rss.is_some()))
    }

    /// A Markdown table for the README: one row per benchmark, time and % of native per
    /// engine, peak memory in a second table.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Size {}, {} runs per engine, {} clock: median time, and speed as % of native (higher is faster).",
            self.size.name(),
            self.runs,
            self.clock.name()
        );
        for (key, value) in &self.context {
            let _ = writeln!(out, "{key}: {value}.");
        }
        out.push('\n');
        let header: Vec<&str> = self.engines.iter().map(String::as_str).collect();
        let _ = writeln!(out, "| benchmark | {} |", header.join(" | "));
        let _ = writeln!(out, "|---|{}", "---:|".repeat(header.len()));
        for bench in &self.benchmarks {
            let cells: Vec<String> = self
                .engines
                .iter()
                .map(|engine| match bench.engine(engine) {
                    Some(result) => match (&result.problem, result.median()) {
                        (Some(problem), _) => format!("**{}**", problem.label()),
                        (None, Some(time)) if engine == "native" => seconds(time),
                        (None, Some(time)) => match bench.ratio(engine) {
                            Some(ratio) => format!("{} ({})", seconds(time), percent(ratio)),
                            None => seconds(time),
                        },
                        (None, None) => "-".to_string(),
                    },
                    None => "-".to_string(),
                })
                .collect();
            let _ = writeln!(out, "| {} | {} |", bench.name, cells.join(" | "));
        }
        let means: Vec<String> = self
            .engines
            .iter()
            .map(|engine| match self.geomean(engine) {
                Some((mean, count)) if count == self.benchmarks.len() => {
                    format!("**{}**", percent(mean))
                }
                Some((mean, count)) => format!("**{}** (over {count})", percent(mean)),
                None => "-".to_string(),
            })
            .collect();
        let _ = writeln!(out, "| **geometric mean** | {} |", means.join(" | "));
        if self.has_memory() {
            let _ = writeln!(
                out,
                "\nPeak memory (MiB the process grew by during the run):\n"
            );
            let _ = writeln!(out, "| benchmark | {} |", header.join(" | "));
            let _ = writeln!(out, "|---|{}", "---:|".repeat(header.len()));
            for bench in &self.benchmarks {
                let cells: Vec<String> = self
                    .engines
                    .iter()
                    .map(|engine| {
                        bench
                            .engine(engine)
                            .and_then(|r| r.peak_rss)
                            .map(mebibytes)
                            .unwrap_or_else(|| "-".to_string())
                    })
                    .collect();
                let _ = writeln!(out, "| {} | {} |", bench.name, cells.join(" | "));
            }
        }
        out
    }

    /// `{"size", "runs", "clock", "context", "engines", "benchmarks": {name: {engine:
    /// {"median_s", "ratio_to_native", "times_s", "peak_rss_bytes", "heap_peak_bytes",
    /// "problem"}}}, "geomean_ratio": {engine: x}}`. `median_s` and `ratio_to_native` are
    /// null where the engine has a problem.
    pub fn json(&self) -> Json {
        let mut benchmarks = Map::new();
        for bench in &self.benchmarks {
            let mut engines = Map::new();
            for result in &bench.engines {
                let mut entry = Map::new();
                entry.insert("median_s".into(), json!(result.median()));
                entry.insert("ratio_to_native".into(), json!(bench.ratio(&result.engine)));
                entry.insert("times_s".into(), json!(result.times));
                entry.insert("peak_rss_bytes".into(), json!(result.peak_rss));
                entry.insert("heap_peak_bytes".into(), json!(result.heap_peak));
                entry.insert(
                    "problem".into(),
                    json!(result.problem.as_ref().map(Problem::summary)),
                );
                engines.insert(result.engine.clone(), Json::Object(entry));
            }
            benchmarks.insert(bench.name.clone(), Json::Object(engines));
        }
        let mut geomean = Map::new();
        for engine in &self.engines {
            geomean.insert(
                engine.clone(),
                json!(self.geomean(engine).map(|(mean, _)| mean)),
            );
        }
        let context: Map<String, Json> = self
            .context
            .iter()
            .map(|(k, v)| (k.clone(), json!(v)))
            .collect();
        json!({
            "size": self.size.name(),
            "runs": self.runs,
            "clock": self.clock.name(),
            "context": context,
            "engines": self.engines,
            "benchmarks": benchmarks,
            "geomean_ratio": geomean,
        })
    }
}

impl Results {
    /// Reads back what [`Results::json`] wrote (a saved run or a baseline), so that it can
    /// be shown again or checked without running anything. A problem comes back as its
    /// summary (the diff of a divergence is not saved).
    pub fn from_json(value: &Json) -> Result<Results, String> {
        let text = |key: &str| {
            value
                .get(key)
                .and_then(Json::as_str)
                .ok_or_else(|| format!("no \"{key}\" string"))
        };
        let size = Size::parse(text("size")?).ok_or("\"size\" is neither full nor small")?;
        let clock = match text("clock")? {
            "cpu" => Clock::Cpu,
            "wall" => Clock::Wall,
            other => return Err(format!("unknown clock {other:?}")),
        };
        let runs = value
            .get("runs")
            .and_then(Json::as_u64)
            .ok_or("no \"runs\" number")? as usize;
        let engines: Vec<String> = value
            .get("engines")
            .and_then(Json::as_array)
            .ok_or("no \"engines\" list")?
            .iter()
            .map(|e| {
                e.as_str()
                    .map(String::from)
                    .ok_or("an engine name is not a string")
            })
            .collect::<Result<_, _>>()?;
        let context = value
            .get("context")
            .and_then(Json::as_object)
            .map(|map| {
                map.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                    .collect()
            })
            .unwrap_or_default();
        let mut benchmarks = Vec::new();
        let listed = value
            .get("benchmarks")
            .and_then(Json::as_object)
            .ok_or("no \"benchmarks\" object")?;
        for (name, per_engine) in listed {
            let mut results = Vec::new();
            for engine in &engines {
                let Some(entry) = per_engine.get(engine) else {
                    continue;
                };
                let times = entry
                    .get("times_s")
                    .and_then(Json::as_array)
                    .map(|times| times.iter().filter_map(Json::as_f64).collect())
                    .unwrap_or_default();
                let problem = entry.get("problem").and_then(Json::as_str).map(|summary| {
                    if summary == "diverges from native" {
                        Problem::Diverged(String::new())
                    } else {
                        Problem::Failed(summary.to_string())
                    }
                });
                results.push(EngineResult {
                    engine: engine.clone(),
                    times,
                    peak_rss: entry.get("peak_rss_bytes").and_then(Json::as_u64),
                    heap_peak: entry.get("heap_peak_bytes").and_then(Json::as_u64),
                    problem,
                });
            }
            benchmarks.push(BenchResult {
                name: name.clone(),
                engines: results,
            });
        }
        Ok(Results {
            size,
            runs,
            clock,
            engines,
            benchmarks,
            context,
        })
    }
}

/// The median of some times (the mean of the middle two for an even count).
pub fn median(times: &[f64]) -> Option<f64> {
    if times.is_empty() {
        return None;
    }
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    Some(if sorted.len().is_multiple_of(2) {
        (sorted[middle - 1] + sorted[middle]) / 2.0
    } else {
        sorted[middle]
    })
}

fn seconds(time: f64) -> String {
    if time >= 10.0 {
        format!("{time:.1}s")
    } else {
        format!("{time:.3}s")
    }
}

/// A ratio as a percentage: two significant digits below 10%, none above.
fn percent(ratio: f64) -> String {
    let p = ratio * 100.0;
    if p < 10.0 {
        format!("{p:.1}%")
    } else {
        format!("{p:.0}%")
    }
}

fn mebibytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// How today's ratios compare with a baseline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    /// Ratios that dropped by more than the tolerance: `(what, baseline, today)`.
    pub regressions: Vec<(String, f64, f64)>,
    /// Ratios that rose by more than the tolerance (the baseline may want updating).
    pub improvements: Vec<(String, f64, f64)>,
    /// Pairs compared within the tolerance.
    pub unchanged: usize,
    /// Pairs measured today that the baseline does not have, or that have no ratio today.
    pub notes: Vec<String>,
}

impl Comparison {
    pub fn text(&self, tolerance: f64, baseline: &str) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\ncheck against {baseline} (tolerance {:.0}%): {} regression{}, {} improvement{}, {} within tolerance",
            tolerance * 100.0,
            self.regressions.len(),
            if self.regressions.len() == 1 { "" } else { "s" },
            self.improvements.len(),
            if self.improvements.len() == 1 {
                ""
            } else {
                "s"
            },
            self.unchanged
        );
        for (what, base, today) in &self.regressions {
            let _ = writeln!(
                out,
                "  REGRESSION {what}: {} of native, baseline {} ({:+.0}%)",
                percent(*today),
                percent(*base),
                (today / base - 1.0) * 100.0
            );
        }
        for (what, base, today) in &self.improvements {
            let _ = writeln!(
                out,
                "  improved   {what}: {} of native, baseline {} ({:+.0}%)",
                percent(*today),
                percent(*base),
                (today / base - 1.0) * 100.0
            );
        }
        for note in &self.notes {
            let _ = writeln!(out, "  note: {note}");
        }
        out
    }

    pub fn json(&self, tolerance: f64) -> Json {
        let entries = |list: &[(String, f64, f64)]| -> Json {
            list.iter()
                .map(|(what, base, today)| json!({"what": what, "baseline": base, "today": today}))
                .collect()
        };
        json!({
            "tolerance": tolerance,
            "regressions": entries(&self.regressions),
            "improvements": entries(&self.improvements),
            "unchanged": self.unchanged,
            "notes": self.notes,
        })
    }
}

/// Compares today's ratios (and geometric means) with a baseline in the JSON format of
/// [`Results::json`]. A ratio regresses when it is below `baseline * (1 - tolerance)`.
/// Errors when the baseline is not such a file or was measured at another size (ratios
/// at the small size are dominated by start-up costs and mean something else).
pub fn compare_with_baseline(
    today: &Results,
    baseline: &Json,
    tolerance: f64,
) -> Result<Comparison, String> {
    let size = baseline
        .get("size")
        .and_then(Json::as_str)
        .ok_or("the baseline has no \"size\"")?;
    if size != today.size.name() {
        return Err(format!(
            "the baseline was measured at size {size}, this run at size {}",
            today.size.name()
        ));
    }
    let benchmarks = baseline
        .get("benchmarks")
        .and_then(Json::as_object)
        .ok_or("the baseline has no \"benchmarks\" object")?;
    let mut comparison = Comparison::default();
    let judge = |what: String, base: f64, now: f64, comparison: &mut Comparison| {
        if now < base * (1.0 - tolerance) {
            comparison.regressions.push((what, base, now));
        } else if now > base * (1.0 + tolerance) {
            comparison.improvements.push((what, base, now));
        } else {
            comparison.unchanged += 1;
        }
    };
    for bench in &today.benchmarks {
        for engine in today.engines.iter().filter(|e| *e != "native") {
            let base = benchmarks
                .get(&bench.name)
                .and_then(|b| b.get(engine))
                .and_then(|e| e.get("ratio_to_native"))
                .and_then(Json::as_f64);
            let now = bench.ratio(engine);
            let what = format!("{engine} on {}", bench.name);
            match (base, now) {
                (Some(base), Some(now)) => judge(what, base, now, &mut comparison),
                (None, Some(_)) => comparison
                    .notes
                    .push(format!("{what}: not in the baseline")),
                (Some(_), None) => comparison
                    .notes
                    .push(format!("{what}: no ratio today (see above)")),
                (None, None) => {}
            }
        }
    }
    // The geometric means are compared only over the same benchmarks as the baseline's,
    // and only when the run covered all of them (a filtered run says nothing of them).
    let covers_all = benchmarks
        .keys()
        .all(|name| today.benchmarks.iter().any(|b| &b.name == name));
    if covers_all {
        for engine in today.engines.iter().filter(|e| *e != "native") {
            let base = baseline
                .get("geomean_ratio")
                .and_then(|g| g.get(engine))
                .and_then(Json::as_f64);
            if let (Some(base), Some((now, _))) = (base, today.geomean(engine)) {
                judge(format!("{engine} geomean"), base, now, &mut comparison);
            }
        }
    }
    Ok(comparison)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(engine: &str, times: &[f64]) -> EngineResult {
        EngineResult {
            times: times.to_vec(),
            ..EngineResult::new(engine)
        }
    }

    fn results() -> Results {
        Results {
            size: Size::Full,
            runs: 3,
            clock: Clock::Cpu,
            engines: vec!["native".into(), "vm".into()],
            benchmarks: vec![
                BenchResult {
                    name: "fib".into(),
                    engines: vec![
                        result("native", &[1.0, 1.2, 0.9]),
                        result("vm", &[2.0, 2.2, 1.8]),
                    ],
                },
                BenchResult {
                    name: "loop".into(),
                    engines: vec![result("native", &[1.0]), result("vm", &[0.5])],
                },
                BenchResult {
                    name: "bad".into(),
                    engines: vec![
                        result("native", &[1.0]),
                        EngineResult {
                            problem: Some(Problem::Diverged("-1\n+2\n".into())),
                            ..result("vm", &[0.001])
                        },
                    ],
                },
            ],
            context: vec![("machine".into(), "test".into())],
        }
    }

    #[test]
    fn medians_ratios_and_geomeans() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(&[]), None);
        let r = results();
        assert_eq!(r.benchmarks[0].ratio("vm"), Some(0.5));
        assert_eq!(r.benchmarks[1].ratio("vm"), Some(2.0));
        // The divergent benchmark is excluded: its tiny time must not count.
        assert_eq!(r.benchmarks[2].ratio("vm"), None);
        let (mean, count) = r.geomean("vm").unwrap();
        assert!((mean - 1.0).abs() < 1e-12, "{mean}");
        assert_eq!(count, 2);
        assert_eq!(r.geomean("native"), Some((1.0, 3)));
    }

    #[test]
    fn reports_show_ratios_and_problems() {
        let r = results();
        let text = r.text();
        assert!(text.contains("2.000s   50%"), "{text}");
        assert!(text.contains("DIVERGES"), "{text}");
        assert!(text.contains("100% (2)"), "{text}");
        assert!(text.contains("vm on bad: diverges from native"), "{text}");
        let markdown = r.markdown();
        assert!(
            markdown.contains("| fib | 1.000s | 2.000s (50%) |"),
            "{markdown}"
        );
        let json = r.json();
        assert_eq!(
            json["benchmarks"]["fib"]["vm"]["ratio_to_native"],
            json!(0.5)
        );
        assert_eq!(json["benchmarks"]["bad"]["vm"]["median_s"], Json::Null);
        assert_eq!(json["geomean_ratio"]["vm"], json!(1.0));
    }

    #[test]
    fn saved_results_read_back() {
        let r = results();
        let back = Results::from_json(&r.json()).unwrap();
        assert_eq!(back.json(), r.json());
        assert_eq!(back.text(), r.text());
        assert!(Results::from_json(&json!({"size": "full"})).is_err());
    }

    #[test]
    fn baselines_catch_regressions_beyond_the_tolerance() {
        let today = results();
        let mut baseline = today.json();
        baseline["benchmarks"]["fib"]["vm"]["ratio_to_native"] = json!(0.7);
        baseline["benchmarks"]["loop"]["vm"]["ratio_to_native"] = json!(1.9);
        let comparison = compare_with_baseline(&today, &baseline, 0.15).unwrap();
        assert_eq!(
            comparison.regressions,
            vec![("vm on fib".to_string(), 0.7, 0.5)]
        );
        assert!(comparison.improvements.is_empty());
        // loop (1.9 -> 2.0) and the geomean (1.0 -> 1.0) are within the tolerance.
        assert_eq!(comparison.unchanged, 2);
        let loose = compare_with_baseline(&today, &baseline, 0.5).unwrap();
        assert!(loose.regressions.is_empty());
        baseline["size"] = json!("small");
        assert!(compare_with_baseline(&today, &baseline, 0.15).is_err());
        assert!(compare_with_baseline(&today, &json!([]), 0.15).is_err());
    }
}
