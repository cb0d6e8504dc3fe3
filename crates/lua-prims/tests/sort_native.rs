//! `table.sort` against native Lua 5.4.9 on `data/sort.txt` (recorded by
//! `data/gen_sort.lua`): the exact sequence of reads, writes and comparator calls, the final
//! array, and "invalid order function for sorting", for consistent and inconsistent
//! comparators.

mod common;

use lua_prims::sort::{SortTarget, sort};

struct Proxy {
    data: Vec<i64>,
    log: Vec<String>,
    logging: bool,
    comparator: String,
    lcg: u64,
}

impl SortTarget for Proxy {
    type Value = i64;
    type Error = String;

    fn get(&mut self, i: u64) -> Result<i64, String> {
        if self.logging {
            self.log.push(format!("g{i}"));
        }
        Ok(self.data[i as usize - 1])
    }

    fn set(&mut self, i: u64, v: i64) -> Result<(), String> {
        if self.logging {
            self.log.push(format!("s{i}={v}"));
        }
        self.data[i as usize - 1] = v;
        Ok(())
    }

    fn less(&mut self, a: &i64, b: &i64) -> Result<bool, String> {
        let (a, b) = (*a, *b);
        if self.logging && self.comparator != "none" {
            self.log.push(format!("c{a},{b}"));
        }
        Ok(match self.comparator.as_str() {
            "lt" | "none" => a < b,
            "gt" => a > b,
            "le" => a <= b,
            "always" => true,
            "never" => false,
            "rand" => {
                self.lcg = (self.lcg * 1103515245 + 12345) % 2147483648;
                self.lcg.is_multiple_of(2)
            }
            "mod3" => a.rem_euclid(3) < b.rem_euclid(3),
            c => panic!("unknown comparator {c}"),
        })
    }

    fn invalid_order(&mut self) -> String {
        "invalid order function for sorting".into()
    }
}

#[test]
fn sort_matches_native() {
    let text = include_str!("data/sort.txt");
    let mut checked = 0;
    for (line, f) in common::records(text) {
        let data: Vec<i64> = f[1]
            .split(',')
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        let n = data.len() as i64;
        let mut proxy = Proxy {
            data,
            log: Vec::new(),
            logging: !f[3].is_empty(),
            comparator: f[0].to_string(),
            lcg: 12345,
        };
        let result = match sort(&mut proxy, n) {
            Ok(()) => proxy
                .data
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(","),
            Err(e) => format!("E:{e}"),
        };
        if proxy.logging {
            assert_eq!(proxy.log.join(" "), f[3], "line {line}: access log");
        }
        assert_eq!(result, f[5], "line {line}: result");
        checked += 1;
    }
    assert!(checked > 400);
}
