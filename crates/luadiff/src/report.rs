//! Reports on one program: readable text (with a unified diff of the outputs) and JSON.

use std::fmt::Write as _;

use lua_engine::{End, ErrorKind, Observed, Outcome};
use serde_json::{Value as Json, json};
use similar::{ChangeTag, TextDiff};

use crate::normalize;
use crate::oracle::{Status, Verdict};

/// One program, the outcome of every engine, and the oracle's verdict.
#[derive(Clone, Debug)]
pub struct Report {
    /// What the program is called in reports (a path for files).
    pub program: String,
    pub runs: Vec<(String, Outcome)>,
    pub verdict: Verdict,
}

impl Report {
    fn outcome_of(&self, engine: &str) -> &Outcome {
        &self
            .runs
            .iter()
            .find(|(name, _)| name == engine)
            .expect("every class member ran")
            .1
    }

    /// One line for a program where nothing is to be reported, the full report otherwise.
    pub fn text(&self, color: bool) -> String {
        let engines: Vec<&str> = self.runs.iter().map(|(name, _)| name.as_str()).collect();
        match self.verdict.status {
            Status::Agree => format!("{}: agree ({})\n", self.program, engines.join(", ")),
            Status::Exhausted => {
                let who: Vec<String> = self
                    .verdict
                    .exhausted
                    .iter()
                    .map(|(engine, resource)| format!("{engine} exhausted {resource}"))
                    .collect();
                format!("{}: not compared: {}\n", self.program, who.join(", "))
            }
            Status::Diverge | Status::Crashed => self.full_text(color),
        }
    }

    fn full_text(&self, color: bool) -> String {
        let mut out = String::new();
        let headline = match self.verdict.status {
            Status::Crashed => "CRASH",
            _ => "DIVERGENCE",
        };
        let pattern = self.verdict.pattern.as_deref().unwrap_or("");
        let _ = writeln!(
            out,
            "{}: {}: {}",
            self.program,
            paint(headline, RED, color),
            pattern
        );
        let _ = writeln!(out, "  classes: {}", self.verdict.classes_text());
        let first = &self.verdict.classes[0];
        let first_output = normalize::addresses(&self.outcome_of(&first[0]).output).into_owned();
        for class in &self.verdict.classes[1..] {
            let output = normalize::addresses(&self.outcome_of(&class[0]).output).into_owned();
            if output != first_output {
                let _ = writeln!(
                    out,
                    "  output, {{{}}} against {{{}}}:",
                    first.join(","),
                    class.join(",")
                );
                out.push_str(&unified_diff(
                    &first_output,
                    &output,
                    &first.join(","),
                    &class.join(","),
                    color,
                ));
            }
        }
        let _ = writeln!(out, "  ends:");
        for class in &self.verdict.classes {
            let _ = writeln!(
                out,
                "    {{{}}}: {}",
                class.join(","),
                self.outcome_of(&class[0]).end
            );
        }
        out
    }

    /// The JSON object `luadiff run --json` prints for the program (one per line):
    /// `{"file", "status", "agree", "classes", "pattern", "outcomes": {engine: {"output",
    /// "output_lossy", "end", "cost"}}}`. See [`end_json`] and [`cost_json`] for their shapes.
    pub fn json(&self) -> Json {
        let mut outcomes = serde_json::Map::new();
        for (engine, outcome) in &self.runs {
            let output = String::from_utf8_lossy(&outcome.output);
            outcomes.insert(
                engine.clone(),
                json!({
                    "output": output,
                    "output_lossy": std::str::from_utf8(&outcome.output).is_err(),
                    "end": end_json(&outcome.end),
                    "cost": cost_json(outcome),
                }),
            );
        }
        json!({
            "file": self.program,
            "status": self.verdict.status.name(),
            "agree": self.verdict.status == Status::Agree,
            "classes": self.verdict.classes,
            "pattern": self.verdict.pattern,
            "outcomes": outcomes,
        })
    }
}

/// `{"returned": [VALUE...]}`, `{"error": {"kind": "syntax"|"runtime", "message",
/// "message_lossy", "value": VALUE}}`, `{"exhausted": "fuel"|"memory"|"depth"|"time"}` or
/// `{"crashed": "message"}`.
pub fn end_json(end: &End) -> Json {
    match end {
        End::Returned(values) => {
            json!({ "returned": values.iter().map(value_json).collect::<Vec<_>>() })
        }
        End::Error(error) => json!({
            "error": {
                "kind": match error.kind { ErrorKind::Syntax => "syntax", ErrorKind::Runtime => "runtime" },
                "message": String::from_utf8_lossy(&error.message),
                "message_lossy": std::str::from_utf8(&error.message).is_err(),
                "value": value_json(&error.value),
            }
        }),
        End::Exhausted(resource) => json!({ "exhausted": resource.to_string() }),
        End::Crashed(message) => json!({ "crashed": message }),
    }
}

/// `{"type": "nil"}`, `{"type": "boolean", "value": true}`, `{"type": "integer", "value":
/// 1}`, `{"type": "float", "value": "-0.0"}` (a string, so that `-0.0`, `inf` and `nan`
/// survive; written as Rust's shortest round-trip form), `{"type": "string", "value":
/// "lossy UTF-8"}`, and `{"type": "table"}` (function, thread, userdata alike).
pub fn value_json(value: &Observed) -> Json {
    match value {
        Observed::Nil => json!({ "type": "nil" }),
        Observed::Boolean(b) => json!({ "type": "boolean", "value": b }),
        Observed::Integer(i) => json!({ "type": "integer", "value": i }),
        Observed::Float(x) if x.is_nan() => json!({ "type": "float", "value": "nan" }),
        Observed::Float(x) => json!({ "type": "float", "value": format!("{x:?}") }),
        Observed::String(s) => json!({ "type": "string", "value": String::from_utf8_lossy(s) }),
        other => json!({ "type": other.type_name() }),
    }
}

/// `{"instructions": n|null, "allocations": n|null, "peak_memory": n|null,
/// "wall_seconds": f, "counters": {name: n}}`.
pub fn cost_json(outcome: &Outcome) -> Json {
    let cost = &outcome.cost;
    let counters: serde_json::Map<String, Json> = cost
        .counters
        .iter()
        .map(|(name, n)| (name.clone(), json!(n)))
        .collect();
    json!({
        "instructions": cost.instructions,
        "allocations": cost.allocations,
        "peak_memory": cost.peak_memory,
        "wall_seconds": cost.wall.as_secs_f64(),
        "counters": counters,
    })
}

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

fn paint(text: &str, color_code: &str, color: bool) -> String {
    if color {
        format!("{color_code}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// A unified diff of two outputs (lossy UTF-8), colored for a terminal.
pub fn unified_diff(old: &[u8], new: &[u8], old_name: &str, new_name: &str, color: bool) -> String {
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    let diff = TextDiff::from_lines(old.as_ref(), new.as_ref());
    let mut out = String::new();
    let _ = writeln!(out, "{}", paint(&format!("--- {old_name}"), RED, color));
    let _ = writeln!(out, "{}", paint(&format!("+++ {new_name}"), GREEN, color));
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        let _ = writeln!(out, "{}", paint(&hunk.header().to_string(), CYAN, color));
        for change in hunk.iter_changes() {
            let (sign, code) = match change.tag() {
                ChangeTag::Delete => ("-", RED),
                ChangeTag::Insert => ("+", GREEN),
                ChangeTag::Equal => (" ", ""),
            };
            let mut line = format!("{sign}{}", change.value());
            let missing_newline = !line.ends_with('\n');
            if missing_newline {
                line.push('\n');
            }
            if color && !code.is_empty() {
                let _ = writeln!(out, "{code}{}{RESET}", line.trim_end_matches('\n'));
            } else {
                out.push_str(&line);
            }
            if missing_newline {
                out.push_str("\\ No newline at end of output\n");
            }
        }
    }
    out
}
