//! Inputs kept for the `parse` fuzz target's property (crashes it found, and awkward
//! inputs written by hand): `parse` must not panic, and what parses must print and parse
//! back to the same tree. Add a crash as a file in tests/data/fuzz_regressions/.

use lua_syntax::visit::clear_lines;
use lua_syntax::{parse, print};

#[test]
fn fuzz_regressions_hold_the_property() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fuzz_regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let data = std::fs::read(&path).unwrap();
        n += 1;
        let Ok(mut chunk) = parse(&data, "=fuzz") else {
            continue;
        };
        let printed = print(&chunk);
        let mut again = parse(printed.as_bytes(), "=printed").unwrap_or_else(|e| {
            panic!(
                "{}: printed program does not parse: {}\n{printed}",
                path.display(),
                e.message
            )
        });
        assert_eq!(
            print(&again),
            printed,
            "{}: printing is not idempotent",
            path.display()
        );
        clear_lines(&mut chunk);
        clear_lines(&mut again);
        assert!(
            chunk == again,
            "{}: printing changed the tree",
            path.display()
        );
    }
    assert!(n >= 5, "the regression inputs are missing");
}
