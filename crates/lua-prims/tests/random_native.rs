//! `math.random` and `math.randomseed` against native Lua 5.4.9: the sequences in
//! `data/random.txt` (recorded by `data/gen_random.lua`) for 64 seeds and mixed calls,
//! including failing calls, which still advance the state.

mod common;

use lua_prims::number::str_to_number;
use lua_prims::random::Xoshiro256;

/// `math.random(...)` as an engine implements it.
fn random(state: &mut Xoshiro256, args: &[i64]) -> String {
    let rv = state.next_raw();
    let result = match *args {
        [] => return format!("f:{}", Xoshiro256::float(rv).to_bits() as i64),
        [0] => return format!("i:{}", rv as i64),
        [up] => state.project_range(rv, 1, up),
        [low, up] => state.project_range(rv, low, up),
        _ => return "E:wrong number of arguments".into(),
    };
    match result {
        Ok(i) => format!("i:{i}"),
        Err(e) => format!(
            "E:{}",
            String::from_utf8_lossy(&e.to_message("math.random"))
        ),
    }
}

fn integer(s: &str) -> i64 {
    str_to_number(s.as_bytes())
        .and_then(|n| n.to_integer())
        .unwrap()
}

#[test]
fn random_matches_native() {
    let text = include_str!("data/random.txt");
    let mut checked = 0;
    for (line, f) in common::records(text) {
        let (n1, n2) = (integer(f[0]), integer(f[1]));
        assert_eq!(
            (n1, n2),
            (integer(f[2]), integer(f[3])),
            "line {line}: randomseed results"
        );
        let mut state = Xoshiro256::seeded(n1, n2);
        for call in f[4].split(';') {
            let (args, expected) = call.split_once('=').unwrap();
            let args: Vec<i64> = args
                .split(',')
                .filter(|a| !a.is_empty())
                .map(integer)
                .collect();
            assert_eq!(
                random(&mut state, &args),
                expected,
                "line {line}: math.random({args:?})"
            );
            checked += 1;
        }
    }
    assert!(checked > 2000, "only {checked} calls checked");
}
