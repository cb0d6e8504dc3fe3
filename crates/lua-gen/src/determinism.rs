//! Every rule the generator follows so that a program's output is the same on every
//! correct Lua 5.4 implementation and in every run (Architecture Invariant 5).
//!
//! Generators ask this module instead of deciding on their own: what may be printed and
//! how ([`observe`]), where `#` may be taken, how `pairs` loops may use what they visit,
//! which sequences may be sorted, which seeds `math.random` gets. Each rule below says
//! what would otherwise differ between engines or runs.
//!
//! Rules enforced by construction elsewhere, listed here so that they live in one place:
//!
//! - **Evaluation order.** Lua leaves the order of evaluation of operands, arguments and
//!   constructor fields unspecified. All our engines evaluate left to right, as PUC-Rio
//!   does, and the generator relies on it: `print(f(), g())` where both print, or
//!   metamethods that print, produce output in left-to-right order. An engine that
//!   evaluates in another order will disagree, and that is reported.
//! - **Multiple assignment.** The order in which `a, b = x, y` assigns is unspecified
//!   (PUC assigns right to left). Targets of one assignment are distinct variables or
//!   fields with distinct constant keys, and never fields of objects with `__newindex`
//!   (whose call order would show). See [`distinct_targets`].
//! - **Constructors.** The order of assignments in `{...}` is unspecified when keys repeat
//!   (manual §3.4.9): generated constructors never repeat a key, counting `1`, `1.0` and
//!   positional index 1 as the same key.
//! - **Garbage collection.** No `__gc`, no weak tables, no `collectgarbage("count")`: when
//!   and how much is collected differs between collectors.
//! - **Time and the environment.** `os` and `io` (but `io.write`) do not exist in the
//!   engines' environment; nothing depends on time. `arg` and the main chunk's `...` are
//!   not relied on.
//! - **Coroutine identity.** `coroutine.running()` returns a thread: only its second result
//!   (whether it is the main thread) is printed.
//! - **Resource limits.** Loops have static trip counts or counters, recursion a depth
//!   parameter, strings and tables bounded sizes; the estimated work is kept under
//!   [`crate::Config::cost_budget`], far from any engine's fuel, memory and depth limits
//!   (which differ, so hitting one is not comparable).
//! - **Error values.** A caught error value is printed only when it is a string, number,
//!   boolean or nil (through [`observe`]); tables, functions and threads show their type.
//!   Errors that reach a `__close` handler are always strings.
//! - **Sorting.** `table.sort` sorts integers or strings only, with a consistent comparator
//!   without side effects: sort algorithms differ, and with equal-but-distinguishable
//!   elements (`0.0` and `-0.0`), an inconsistent order function or a printing comparator,
//!   their results or outputs would too.
//! - **NaN.** NaN is printed as the platform's C library prints it (`-nan` or `nan` by the
//!   sign bit, on x86-64 `0/0` is `-nan`). That is deterministic on one machine, and the
//!   engines must reproduce it; `%q` prints every NaN as `(0/0)`. Which NaN a sum or
//!   product of two NaNs gives depends on how PUC was compiled: the project pins that
//!   (Cargo.toml, `mlua-sys` at -O3 in every profile), so only an `ext:` Lua built
//!   otherwise can differ there.
//! - **Transcendental functions.** See [`Ty::Fuzzy`]: their results only reach output
//!   through `%.10g`, never through `tostring`, `..`, `%q` or integer conversions.
//! - **What metamethods print.** `__index`/`__newindex` handlers print the key they get:
//!   objects are only ever indexed with string and number keys. Arguments of other
//!   metamethods are shown through `math.type(x) or type(x)`, never printed themselves.
//! - **Single-key tables.** `next` (and `pairs`) over a table known to hold exactly one
//!   key has one possible order, so its key is printed (float key normalisation).
//! - **Iteration that is ordered.** `ipairs`, `string.gmatch`, `string.gsub` callbacks,
//!   `utf8.codes`, numeric `for`, and `__pairs` metamethods that count (never `next`)
//!   visit in a defined order; their bodies may print.
//! - **`#` and `table.*` on sequences only.** `#t`, `table.insert`/`remove`/`move`/
//!   `concat`/`unpack` without explicit bounds are applied only to tables built and kept
//!   as sequences (see [`length_is_deterministic`]); tables with holes are read by index.
//!   An append is `do local x = v; t[#t + 1] = x end`, never `t[#t + 1] = v`: Lua
//!   evaluates `#t` before `v`, and `v` may run code that shrinks `t` (a metamethod that
//!   calls `table.remove`), which would leave a hole at the old length.
//! - **Program output only.** Results of functions whose values may be tables or
//!   functions (including what `pcall` returns) are printed through [`observe`].

use lua_syntax::ast::{BinOp, Expr};

use crate::build::*;
use crate::types::{Event, Shape, Ty, Types};

/// Whether `print(x)` (or `tostring(x)`, `..`, `%s`) of a value of this type gives the
/// same text everywhere. Tables, functions and threads print their address; fuzzy floats
/// their last digits.
pub(crate) fn is_printable(ty: Ty, types: &Types) -> bool {
    match ty {
        Ty::Nil | Ty::Bool | Ty::Int | Ty::Float | Ty::Num | Ty::Str | Ty::NumStr => true,
        // An object prints through its `__tostring`, which returns a deterministic string.
        Ty::Obj(_) => types
            .class_of(ty)
            .is_some_and(|c| c.event(Event::ToString).is_some()),
        Ty::Fuzzy | Ty::Tab(_) | Ty::Func(_) | Ty::Thread | Ty::Any => false,
    }
}

/// Whether a value of this type may be concatenated or formatted with `%s`/`tostring`
/// directly: strings and exactly computed numbers.
pub(crate) fn is_concatenable(ty: Ty) -> bool {
    matches!(ty, Ty::Int | Ty::Float | Ty::Num | Ty::Str | Ty::NumStr)
}

/// The expression to print for a value `e` of type `ty`: the value itself when it prints
/// the same everywhere, `%.10g` of a fuzzy float, else its type.
pub(crate) fn observe(e: Expr, ty: Ty, types: &Types) -> Expr {
    if is_printable(ty, types) {
        e
    } else if ty == Ty::Fuzzy {
        // Ten significant digits hide the last-ulp differences between C libraries.
        lcall("string", "format", vec![string("%.10g"), e])
    } else {
        gcall("type", vec![e])
    }
}

/// Whether `#` of a value of this type has one possible result: strings, sequences
/// (whose border is unique), and objects whose `__len` returns a value.
pub(crate) fn length_is_deterministic(ty: Ty, types: &Types) -> bool {
    match ty {
        Ty::Str | Ty::NumStr => true,
        Ty::Tab(_) => matches!(types.shape(ty), Some(Shape::Seq { .. })),
        Ty::Obj(_) => types
            .class_of(ty)
            .is_some_and(|c| c.event(Event::Len).is_some()),
        _ => false,
    }
}

/// Whether a sequence with elements of this type may be sorted (see the module docs).
pub(crate) fn sortable(elem: Ty) -> bool {
    matches!(elem, Ty::Int | Ty::Str | Ty::NumStr)
}

/// A consistent, side-effect free comparator for `table.sort` on `sortable` elements:
/// descending order, or ascending through `<`.
pub(crate) fn sort_comparator(descending: bool) -> Expr {
    let op = if descending { BinOp::Gt } else { BinOp::Lt };
    function(
        vec!["a".into(), "b".into()],
        false,
        block_ret(vec![], vec![bin(op, name("a"), name("b"))]),
    )
}

/// What a `for k, v in pairs(t)` body may do: fold the visited pairs into accumulators
/// with operations whose result does not depend on the visiting order (`pairs`/`next`
/// order depends on hashing, which PUC seeds per state). Integer addition (wrapping)
/// and counting are commutative and associative; float addition is not and is never used.
/// Tables known to hold at most one key may be traversed freely (there is one order).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PairsReduction {
    /// `acc = acc + 1`.
    Count,
    /// `acc = acc + v` for integer values.
    SumValues,
    /// `acc = acc ~ k` for integer keys (xor is order independent too).
    XorKeys,
    /// `acc = acc + #k` for string keys.
    SumKeyLengths,
}

impl PairsReduction {
    /// The reductions possible over a map with these key and value types.
    pub(crate) fn possible(key: Ty, val: Ty) -> Vec<PairsReduction> {
        let mut v = vec![PairsReduction::Count];
        if val == Ty::Int {
            v.push(PairsReduction::SumValues);
        }
        if key == Ty::Int {
            v.push(PairsReduction::XorKeys);
        }
        if key.is_string() {
            v.push(PairsReduction::SumKeyLengths);
        }
        v
    }

    /// The update of accumulator `acc` for key `k` and value `v`.
    pub(crate) fn update(self, acc: &str, k: &str, v: &str) -> lua_syntax::ast::Stat {
        let rhs = match self {
            PairsReduction::Count => bin(BinOp::Add, name(acc), int(1)),
            PairsReduction::SumValues => bin(BinOp::Add, name(acc), name(v)),
            PairsReduction::XorKeys => bin(BinOp::BXor, name(acc), name(k)),
            PairsReduction::SumKeyLengths => bin(
                BinOp::Add,
                name(acc),
                un(lua_syntax::ast::UnOp::Len, name(k)),
            ),
        };
        assign1(name(acc), rhs)
    }
}

/// Seeds for `math.randomseed`: always integers, so that xoshiro256** (which every engine
/// implements exactly as PUC does) gives the same numbers. An unseeded generator or
/// `math.randomseed()` without arguments seeds from time and addresses.
pub(crate) const RANDOM_SEEDS: [i64; 6] = [0, 1, 42, 123456789, -7, i64::MAX];

/// Whether the targets of a multiple assignment are pairwise distinct by construction
/// (see the module docs): names differ, and indexed targets have distinct constant keys
/// or distinct tables.
pub(crate) fn distinct_targets(targets: &[Expr]) -> bool {
    use lua_syntax::ast::ExprKind;
    for (i, a) in targets.iter().enumerate() {
        for b in &targets[..i] {
            let same = match (&a.kind, &b.kind) {
                (ExprKind::Name(x), ExprKind::Name(y)) => x == y,
                (
                    ExprKind::Index {
                        object: o1,
                        key: k1,
                    },
                    ExprKind::Index {
                        object: o2,
                        key: k2,
                    },
                ) => o1 == o2 && !constant_keys_differ(k1, k2),
                _ => false,
            };
            if same {
                return false;
            }
        }
    }
    true
}

/// Whether two key expressions are constants that denote different table keys.
fn constant_keys_differ(a: &Expr, b: &Expr) -> bool {
    use lua_syntax::ast::ExprKind as K;
    match (&a.kind, &b.kind) {
        (K::String(x), K::String(y)) => x != y,
        (K::Integer(x), K::Integer(y)) => x != y,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_distinct_only_when_provably_so() {
        let t = || name("t");
        assert!(distinct_targets(&[name("a"), name("b")]));
        assert!(!distinct_targets(&[name("a"), name("a")]));
        assert!(distinct_targets(&[field(t(), "x"), field(t(), "y")]));
        assert!(distinct_targets(&[index(t(), int(1)), index(t(), int(2))]));
        assert!(!distinct_targets(&[
            index(t(), name("i")),
            index(t(), name("j"))
        ]));
        assert!(!distinct_targets(&[field(t(), "x"), field(t(), "x")]));
    }

    #[test]
    fn observations_hide_addresses_and_last_digits() {
        let types = Types::default();
        let shown = |ty| lua_syntax::print_expr(&observe(name("v"), ty, &types));
        assert_eq!(shown(Ty::Int), "v");
        assert_eq!(shown(Ty::Str), "v");
        assert_eq!(shown(Ty::Fuzzy), "string.format(\"%.10g\", v)");
        assert_eq!(shown(Ty::Thread), "type(v)");
        assert_eq!(shown(Ty::Any), "type(v)");
    }
}
