//! A line-based reducer for findings that the AST reducer (`crate::reduce`, which keeps a
//! divergence signature) does not handle: performance findings, whose test is a cost
//! ratio rather than a signature, and, until that reducer is wired in, every finding.
//!
//! Delta debugging over lines (after Zeller's ddmin, complements only): remove chunks
//! of lines, from half the program down to single lines, until nothing can go. The printer puts one statement per line,
//! so chunks are statements and blocks; a candidate that does not parse is skipped
//! without running anything.

use std::time::{Duration, Instant};

/// Shrinks `source` while `interesting` holds, for at most `budget`. Returns the
/// smallest interesting source found (`source` itself if nothing could go).
pub fn shrink_lines(
    source: &str,
    budget: Duration,
    mut interesting: impl FnMut(&str) -> bool,
) -> String {
    let started = Instant::now();
    let mut lines: Vec<&str> = source.lines().collect();
    // Sweeps with chunks from half the program down to single lines, again and again
    // until a whole round removes nothing: removing a block's body can make its first
    // and last lines adjacent, so that a later round can remove the block.
    loop {
        let mut removed_in_round = false;
        let mut chunk = lines.len().div_ceil(2).max(1);
        loop {
            let mut start = 0;
            while start < lines.len() {
                if started.elapsed() > budget {
                    return join(&lines);
                }
                let end = (start + chunk).min(lines.len());
                let candidate: Vec<&str> = lines[..start]
                    .iter()
                    .chain(&lines[end..])
                    .copied()
                    .collect();
                let text = join(&candidate);
                if lua_syntax::parse(text.as_bytes(), "=shrink").is_ok() && interesting(&text) {
                    lines = candidate;
                    removed_in_round = true;
                } else {
                    start += chunk;
                }
            }
            if chunk == 1 {
                break;
            }
            chunk = chunk.div_ceil(2);
        }
        if !removed_in_round {
            return join(&lines);
        }
    }
}

fn join(lines: &[&str]) -> String {
    let mut text = lines.join("\n");
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_what_the_test_needs() {
        let source = "local a = 1\nlocal b = 2\ndo\n  print(b)\nend\nprint(a)\nprint(3)\n";
        let shrunk = shrink_lines(source, Duration::from_secs(10), |text| {
            text.contains("print(a)")
        });
        assert_eq!(shrunk, "print(a)\n");
        // Candidates that do not parse are never tested.
        let shrunk = shrink_lines(source, Duration::from_secs(10), |text| {
            assert!(lua_syntax::parse(text.as_bytes(), "=t").is_ok(), "{text}");
            text.contains("print(b)")
        });
        assert_eq!(shrunk, "do\n  print(b)\nend\n");
    }

    #[test]
    fn an_uninteresting_reduction_keeps_the_source() {
        let source = "print(1)\nprint(2)\n";
        assert_eq!(
            shrink_lines(source, Duration::from_secs(10), |text| text == source),
            source
        );
    }
}
