//! Inputs shared by luadiff's benchmarks.
//!
//! [`lua_source`] writes a large, deterministic, realistic Lua program: modules of local
//! and global functions, methods, table constructors, loops and conditionals, string
//! operations with escapes, long strings, and comments. It parses with lua-syntax and
//! loads in native Lua (it stays within every PUC limit).

/// A small deterministic generator (xorshift64*), so the text never depends on a crate's
/// version or on the platform.
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

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "value", "count", "index", "name", "items", "result", "buffer", "node", "left", "right",
    "total", "offset", "key", "entry", "state", "config", "width", "height", "data", "list",
    "queue", "cache", "first", "last", "size", "step",
];

const COMMENTS: &[&str] = &[
    "-- keep the invariant: every entry has a parent",
    "-- TODO: handle the empty case separately",
    "-- walk the list backwards so that removal is safe",
    "-- the fast path: no allocation when the key exists",
    "--[[ This helper mirrors the C version closely.\n     It is kept simple on purpose. ]]",
    "--[==[ long comment with ]] inside\n  and a second line ]==]",
];

struct Gen {
    rng: Rng,
    out: String,
    indent: usize,
}

impl Gen {
    fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn name(&mut self) -> String {
        let w = self.rng.pick(WORDS);
        if self.rng.chance(30) {
            format!("{w}{}", self.rng.below(10))
        } else {
            w.to_string()
        }
    }

    fn string(&mut self) -> String {
        match self.rng.below(10) {
            0 => "\"line one\\nline two\\t(tab)\"".to_string(),
            1 => "'it\\'s \\\"quoted\\\" \\x41\\u{48}\\65'".to_string(),
            2 => "[[a long string\nwith two lines]]".to_string(),
            3 => format!("\"{}: %d of %d\"", self.rng.pick(WORDS)),
            _ => format!("\"{}_{}\"", self.rng.pick(WORDS), self.rng.below(1000)),
        }
    }

    fn number(&mut self) -> String {
        match self.rng.below(8) {
            0 => format!("{}.{}", self.rng.below(1000), self.rng.below(100)),
            1 => format!("0x{:x}", self.rng.next() & 0xffff),
            2 => format!("{}e{}", self.rng.below(10), self.rng.below(20)),
            _ => format!("{}", self.rng.below(10000)),
        }
    }

    /// An expression over the variables in `vars`, `depth` levels deep at most.
    fn expr(&mut self, vars: &[String], depth: usize) -> String {
        let leaf = depth == 0 || self.rng.chance(35);
        if leaf {
            return match self.rng.below(9) {
                0 | 1 => self.number(),
                2 => self.string(),
                3 => ["nil", "true", "false"][self.rng.below(3)].to_string(),
                4 => format!("self.{}", self.name()),
                _ => vars[self.rng.below(vars.len())].clone(),
            };
        }
        match self.rng.below(12) {
            0 => format!(
                "{} {} {}",
                self.expr(vars, depth - 1),
                self.rng.pick(&[
                    "+", "-", "*", "/", "//", "%", "..", "==", "<", ">=", "and", "or"
                ]),
                self.expr(vars, depth - 1)
            ),
            1 => format!(
                "({} + {}) * {}",
                self.expr(vars, depth - 1),
                self.expr(vars, depth - 1),
                self.number()
            ),
            2 => format!("not {}", self.expr(vars, depth - 1)),
            3 => format!("#{}", vars[self.rng.below(vars.len())]),
            4 => format!(
                "{}({})",
                self.rng
                    .pick(&["tostring", "type", "math.floor", "string.len"]),
                self.expr(vars, depth - 1)
            ),
            5 => format!(
                "{}:{}({}, {})",
                vars[self.rng.below(vars.len())],
                self.name(),
                self.expr(vars, depth - 1),
                self.number()
            ),
            // The space keeps `[` apart from a long string `[[` in the key.
            6 => format!(
                "{}[ {}]",
                vars[self.rng.below(vars.len())],
                self.expr(vars, depth - 1)
            ),
            7 => self.table(vars, depth - 1),
            8 => format!(
                "string.format({}, {}, {})",
                self.string(),
                self.expr(vars, depth - 1),
                self.number()
            ),
            9 => format!(
                "function({}) return {} end",
                vars[0],
                self.expr(vars, depth - 1)
            ),
            _ => format!("{}.{}", vars[self.rng.below(vars.len())], self.name()),
        }
    }

    fn table(&mut self, vars: &[String], depth: usize) -> String {
        let n = self.rng.below(5);
        let mut fields = Vec::new();
        for i in 0..n {
            fields.push(match self.rng.below(3) {
                0 => self.expr(vars, depth),
                1 => format!("{} = {}", self.name(), self.expr(vars, depth)),
                _ => format!("[{}] = {}", i + 1, self.expr(vars, depth)),
            });
        }
        format!("{{{}}}", fields.join(", "))
    }

    /// A block of `n` statements over `vars`.
    fn block(&mut self, vars: &mut Vec<String>, n: usize, depth: usize) {
        let base = vars.len();
        for _ in 0..n {
            if self.rng.chance(12) {
                let c = self.rng.pick(COMMENTS);
                for l in c.lines() {
                    self.line(l);
                }
            }
            match self.rng.below(if depth == 0 { 6 } else { 11 }) {
                0 | 1 if vars.len() < 40 => {
                    let v = self.name();
                    let e = self.expr(vars, 2);
                    self.line(&format!("local {v} = {e}"));
                    vars.push(v);
                }
                2 => {
                    let t = vars[self.rng.below(vars.len())].clone();
                    let k = self.name();
                    let e = self.expr(vars, 2);
                    self.line(&format!("{t}.{k} = {e}"));
                }
                3 => {
                    let e = self.expr(vars, 2);
                    self.line(&format!("print({e})"));
                }
                4 => {
                    let t = vars[self.rng.below(vars.len())].clone();
                    let e = self.expr(vars, 1);
                    self.line(&format!("table.insert({t}, {e})"));
                }
                5 | 0 | 1 => {
                    let v = vars[self.rng.below(vars.len())].clone();
                    let e = self.expr(vars, 2);
                    self.line(&format!("{v} = {e}"));
                }
                6 => {
                    let c = self.expr(vars, 2);
                    self.line(&format!("if {c} then"));
                    self.nested(vars, depth);
                    if self.rng.chance(50) {
                        let c = self.expr(vars, 1);
                        self.line(&format!("elseif {c} then"));
                        self.nested(vars, depth);
                    }
                    if self.rng.chance(50) {
                        self.line("else");
                        self.nested(vars, depth);
                    }
                    self.line("end");
                }
                7 => {
                    let i = format!("i{}", self.rng.below(10));
                    let lim = self.expr(vars, 1);
                    self.line(&format!("for {i} = 1, {lim} do"));
                    vars.push(i);
                    self.nested(vars, depth);
                    vars.pop();
                    self.line("end");
                }
                8 => {
                    let t = vars[self.rng.below(vars.len())].clone();
                    self.line(&format!("for k, v in pairs({t}) do"));
                    vars.push("k".into());
                    vars.push("v".into());
                    self.nested(vars, depth);
                    vars.truncate(vars.len() - 2);
                    self.line("end");
                }
                9 => {
                    let c = self.expr(vars, 1);
                    self.line(&format!("while {c} do"));
                    self.nested(vars, depth);
                    self.indent += 1;
                    self.line("break");
                    self.indent -= 1;
                    self.line("end");
                }
                _ => {
                    let f = self.name();
                    let p = self.name();
                    self.line(&format!("local function {f}({p}, ...)"));
                    vars.push(f);
                    let mut inner = vars.clone();
                    inner.push(p);
                    self.nested(&mut inner, depth);
                    self.line("end");
                }
            }
        }
        vars.truncate(base);
    }

    fn nested(&mut self, vars: &mut Vec<String>, depth: usize) {
        self.indent += 1;
        let n = 1 + self.rng.below(4);
        self.block(vars, n, depth - 1);
        self.indent -= 1;
    }

    fn module(&mut self, index: usize) {
        let m = format!("M{index}");
        self.line(&format!(
            "-- module {index}: generated for the front-end benchmark"
        ));
        let (major, minor) = (self.rng.below(9), self.rng.below(99));
        self.line(&format!(
            "local {m} = {{ version = \"{major}.{minor}\", debug = false }}"
        ));
        for _ in 0..(3 + self.rng.below(6)) {
            let f = self.name();
            let a = self.name();
            let b = self.name();
            let method = self.rng.chance(50);
            if method {
                self.line(&format!("function {m}:{f}({a}, {b})"));
            } else {
                self.line(&format!("function {m}.{f}({a}, {b})"));
            }
            self.indent += 1;
            let mut vars = vec![a, b, m.clone()];
            let n = 3 + self.rng.below(8);
            self.block(&mut vars, n, 2);
            let r = self.expr(&vars, 2);
            self.line(&format!("return {r}"));
            self.indent -= 1;
            self.line("end");
        }
        self.line(&format!("package.loaded[\"m{index}\"] = {m}"));
        self.out.push('\n');
    }
}

/// A deterministic Lua program of at least `bytes` bytes. Each module is wrapped in a
/// `do ... end` block so that no function ever exceeds PUC's local variable limits.
pub fn lua_source(bytes: usize, seed: u64) -> String {
    let mut g = Gen {
        rng: Rng(seed | 1),
        out: String::with_capacity(bytes + 4096),
        indent: 0,
    };
    g.line("-- Generated by luadiff-benches::lua_source: a realistic mix of Lua code.");
    let mut i = 0;
    while g.out.len() < bytes {
        g.line("do");
        g.indent += 1;
        g.module(i);
        g.indent -= 1;
        g.line("end");
        i += 1;
    }
    g.out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_source_is_deterministic_and_parses() {
        let a = super::lua_source(200_000, 1);
        assert!(a.len() >= 200_000);
        assert_eq!(a, super::lua_source(200_000, 1));
        lua_syntax::parse(a.as_bytes(), "=bench").unwrap();
    }
}
