//! Random inputs that must never panic: patterns, format strings, pack formats, UTF-8
//! decoding and sorting with inconsistent comparators. (Native agreement is checked by the
//! `*_native` tests; here the property is "an error or a result, never a crash".)

use lua_prims::Error;
use lua_prims::format::{FormatParser, Kind, Literal, Piece};
use lua_prims::pack::{PackArg, PackValue, pack, packsize, unpack};
use lua_prims::pattern::{Gmatch, add_replacement, find, gsub};
use lua_prims::sort::{SortTarget, sort};
use lua_prims::utf8;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self, alphabet: &[u8], max: usize) -> Vec<u8> {
        (0..self.below(max + 1))
            .map(|_| alphabet[self.below(alphabet.len())])
            .collect()
    }
}

#[test]
fn patterns_never_panic() {
    let mut rng = Rng(0x1234_5678);
    let pattern_alphabet = b"^$*+?.-()[]%abcdfz019 \0\xff";
    let subject_alphabet = b"abc()[] %-\0\xff";
    for _ in 0..20_000 {
        let p = rng.bytes(pattern_alphabet, 12);
        let s = rng.bytes(subject_alphabet, 12);
        let init = rng.below(20) as i64 - 10;
        if let Ok(Some((m, state))) = find(&s, &p, init, false, false) {
            for i in 0..state.capture_count(true) {
                let _ = state.capture(i, m);
            }
        }
        let _ = find(&s, &p, init, rng.below(2) == 0, true);
        let mut g = Gmatch::new(s.len(), init);
        for _ in 0..20 {
            match g.next(&s, &p) {
                Ok(Some(_)) => {}
                _ => break,
            }
        }
        let repl = rng.bytes(b"%0123a", 4);
        let mut out = Vec::new();
        let _ = gsub::<Error>(&s, &p, 5, &mut out, |st, m, out| {
            add_replacement(st, m, &repl, out)?;
            Ok(true)
        });
    }
}

#[test]
fn deep_patterns_stop_at_the_limit() {
    // 100000 optional items would need 100000 nested calls: PUC stops at 200.
    let s = vec![b'a'; 100_000];
    let p = b"a?".repeat(100_000);
    let err = find(&s, &p, 1, false, false).unwrap_err();
    assert_eq!(err, Error::message("pattern too complex"));
}

#[test]
fn format_strings_never_panic() {
    let mut rng = Rng(42);
    let alphabet = b"%-+ #0123456789.cdiuoxXaAeEfgGpqsz\0\xff";
    for _ in 0..20_000 {
        let fmt = rng.bytes(alphabet, 10);
        let mut out = Vec::new();
        for piece in FormatParser::new(&fmt) {
            let Piece::Conversion {
                conversion: Ok(c), ..
            } = piece
            else {
                continue;
            };
            if c.check_before_argument().is_err() {
                continue;
            }
            let _ = match c.kind {
                Kind::Char | Kind::Integer | Kind::Unsigned => {
                    c.format_integer(&mut out, rng.next() as i64)
                }
                Kind::Float | Kind::HexFloat => {
                    c.format_float(&mut out, f64::from_bits(rng.next()))
                }
                Kind::Pointer => c.format_pointer(&mut out, Some(rng.next() as usize)),
                Kind::Quoted => {
                    c.format_literal(&mut out, Literal::Float(f64::from_bits(rng.next())))
                }
                Kind::String => c.format_string(&mut out, b"abc"),
            };
        }
    }
}

#[test]
fn pack_formats_never_panic() {
    let mut rng = Rng(7);
    let alphabet = b"bBhHiIlLjJTfdnszxX<>=! 0123456789c\0";
    for _ in 0..20_000 {
        let fmt = rng.bytes(alphabet, 8);
        let _ = packsize(&fmt);
        let mut out = Vec::new();
        let seed = rng.next();
        let r = pack::<Error>(&fmt, &mut out, |i, kind| {
            Ok(match kind {
                PackArg::Integer => {
                    PackValue::Integer((seed as i64).wrapping_mul(i as i64) >> (i % 60))
                }
                PackArg::Number => PackValue::Number(i as f64 * 0.5),
                PackArg::String => PackValue::String(b"xy"[..].into()),
            })
        });
        let data = if r.is_ok() {
            out
        } else {
            rng.bytes(b"\0\x01\xff", 40)
        };
        let init = rng.below(50) as i64 - 25;
        let _ = unpack::<Error>(&fmt, &data, init, |_| Ok(()));
    }
}

#[test]
fn utf8_never_panics() {
    let mut rng = Rng(99);
    for _ in 0..20_000 {
        let s: Vec<u8> = (0..rng.below(10)).map(|_| rng.next() as u8).collect();
        let i = rng.below(24) as i64 - 12;
        let j = rng.below(24) as i64 - 12;
        let _ = utf8::len(&s, i, j, rng.below(2) == 0);
        let _ = utf8::codepoint::<Error>(&s, i, j, rng.below(2) == 0, |_| Ok(()));
        let _ = utf8::offset(&s, j, Some(i));
        let _ = utf8::offset(&s, j, None);
        let _ = utf8::codes_next(&s, i, true);
        for k in 0..s.len() + 2 {
            let _ = utf8::decode(&s, k, false);
        }
    }
}

struct Chaos {
    data: Vec<u64>,
    rng: Rng,
    consistent: bool,
}

impl SortTarget for Chaos {
    type Value = u64;
    type Error = &'static str;

    fn get(&mut self, i: u64) -> Result<u64, &'static str> {
        Ok(self.data[i as usize - 1])
    }

    fn set(&mut self, i: u64, v: u64) -> Result<(), &'static str> {
        self.data[i as usize - 1] = v;
        Ok(())
    }

    fn less(&mut self, a: &u64, b: &u64) -> Result<bool, &'static str> {
        Ok(if self.consistent {
            a < b
        } else {
            self.rng.below(2) == 0
        })
    }

    fn invalid_order(&mut self) -> &'static str {
        "invalid order function for sorting"
    }
}

#[test]
fn sorting_never_panics_and_keeps_the_elements() {
    let mut rng = Rng(5);
    for round in 0..2_000 {
        let n = rng.below(if round % 10 == 0 { 2_000 } else { 300 });
        // Many duplicates and sorted runs make unbalanced partitions, which switch PUC's
        // algorithm to randomized pivots.
        let data: Vec<u64> = (0..n)
            .map(|i| match round % 3 {
                0 => rng.next() % 10,
                1 => i as u64,
                _ => rng.next(),
            })
            .collect();
        let consistent = round % 2 == 0;
        let mut t = Chaos {
            data: data.clone(),
            rng: Rng(round as u64 + 1),
            consistent,
        };
        let r = sort(&mut t, n as i64);
        let mut before = data;
        let mut after = t.data.clone();
        before.sort_unstable();
        if consistent {
            assert_eq!(r, Ok(()));
            assert_eq!(t.data, before, "consistent sort of {n} elements");
        } else {
            after.sort_unstable();
            assert_eq!(after, before, "the elements are only permuted");
        }
    }
}
