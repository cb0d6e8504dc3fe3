//! The generator's state: typed scopes, function contexts, the size and cost budgets, and
//! the skeleton of a program. The submodules add the generators for expressions,
//! statements and the larger constructs (functions, tables, metatables, coroutines, ...).

mod coro;
mod errors;
mod expr;
mod func;
mod libs;
mod literals;
mod meta;
mod stat;
mod table;

use lua_syntax::ast::{Chunk, Stat};

use crate::build::*;
use crate::choice::Choices;
use crate::config::{Config, Feature, FeatureSet};
use crate::determinism;
use crate::types::{Ty, Types};

/// Units of estimated work one function body may cost per call. Keeps call chains cheap
/// enough that a call inside a loop inside a call stays within budget.
pub(crate) const FUNC_COST_CAP: u64 = 60;

/// Most locals one function declares: Lua allows 200 active locals and 255 registers.
const MAX_LOCALS: usize = 120;

/// A variable in scope.
#[derive(Clone, Debug)]
pub(crate) struct Var {
    pub name: String,
    pub ty: Ty,
    /// Whether statements may assign to it. Loop counters, known constants, functions
    /// (which would allow cycles, hence unbounded recursion) and `<const>`/`<close>`
    /// variables are never assigned.
    pub assignable: bool,
    /// The integer value, for variables never assigned after their initialisation.
    pub known: Option<i64>,
    /// Hidden by a later variable of the same name.
    pub hidden: bool,
    /// The variable this one shadows, to unhide when this one goes out of scope.
    shadows: Option<usize>,
    /// The coroutine body it was declared in (0: none).
    pub coro: u32,
}

/// What the generator knows about the function whose body it is generating.
pub(crate) struct FuncCtx {
    /// Index into `Gen::vars` where this function's variables start.
    pub var_base: usize,
    /// The result types every `return` must produce (`None` for the main chunk).
    pub rets: Option<Vec<Ty>>,
    /// For a vararg function, the type of every extra argument (never nil).
    pub va: Option<Ty>,
    /// Whether `coroutine.yield` may be called here (inside a coroutine body or a function
    /// only ever called from one).
    pub yieldable: bool,
    /// The types a `coroutine.yield` returns (what the resumer passes).
    pub resume_tys: Vec<Ty>,
    /// The coroutine body this function runs in (0: the main thread). Yielding values
    /// are usable only in the coroutine that created them.
    pub coro: u32,
    /// Enclosing loops in this function (for `break`).
    pub loops: u32,
    /// Labels after the current statement that a `goto` may jump forward to.
    pub labels: Vec<String>,
    /// Estimated work of one run of the body so far, and its cap.
    pub cost: u64,
    pub cap: u64,
    /// How many times the statement being generated runs per run of the body.
    pub mult: u64,
}

/// The generator of one program.
pub(crate) struct Gen<'a, 'b> {
    pub c: Choices<'a, 'b>,
    pub cfg: &'b Config,
    pub feats: FeatureSet,
    pub types: Types,
    /// Estimated cost of calling a function of each signature (the most expensive one
    /// generated), indexed like `types.sigs`.
    pub sig_costs: Vec<u64>,
    pub vars: Vec<Var>,
    scope_marks: Vec<usize>,
    pub funcs: Vec<FuncCtx>,
    counter: u32,
    /// Statements still to generate (the size budget).
    pub stats_left: i64,
    /// Current expression nesting.
    pub depth: u32,
    /// Current block nesting.
    pub block_depth: u32,
    /// Set by coroutine generators: the next function body is a coroutine body whose
    /// yields return these types.
    pub next_resume_tys: Option<Vec<Ty>>,
    coro_counter: u32,
    /// Risky operations still allowed outside `pcall` (0 or 1 per program).
    pub unprotected_left: u32,
    /// A feature this program emphasises (swarm testing: "heavy goto", "heavy
    /// coroutines"...), or none.
    pub focus: Option<Feature>,
}

impl<'a, 'b> Gen<'a, 'b> {
    pub(crate) fn new(c: Choices<'a, 'b>, cfg: &'b Config) -> Self {
        Gen {
            c,
            cfg,
            feats: FeatureSet::EMPTY,
            types: Types::default(),
            sig_costs: Vec::new(),
            vars: Vec::new(),
            scope_marks: Vec::new(),
            funcs: Vec::new(),
            counter: 0,
            stats_left: cfg.size as i64,
            depth: 0,
            block_depth: 0,
            next_resume_tys: None,
            coro_counter: 0,
            unprotected_left: 0,
            focus: None,
        }
    }

    /// Generates a whole program.
    pub(crate) fn program(&mut self) -> Chunk {
        self.feats = self.cfg.draw_features(&mut self.c);
        if self.has(Feature::Errors) && self.c.chance(self.cfg.unprotected_percent) {
            self.unprotected_left = 1;
        }
        if self.c.chance(50) {
            let on: Vec<Feature> = self.feats.iter().collect();
            if !on.is_empty() {
                self.focus = Some(on[self.c.pick(on.len())]);
            }
        }
        self.funcs.push(FuncCtx {
            var_base: 0,
            rets: None,
            va: None,
            yieldable: false,
            resume_tys: Vec::new(),
            coro: 0,
            loops: 0,
            labels: Vec::new(),
            cost: 0,
            cap: self.cfg.cost_budget,
            mult: 1,
        });
        self.push_scope();
        let mut stats = Vec::new();
        if self.has(Feature::Random) {
            let seed = *self.c.choose(&determinism::RANDOM_SEEDS);
            stats.push(call_stat(lcall("math", "randomseed", vec![int(seed)])));
        }
        while self.stats_left > 0 && !self.c.is_empty() {
            self.stat(&mut stats);
        }
        // A final observation of a few variables, so that state changed by the last
        // statements still reaches the output.
        let mut args = Vec::new();
        for _ in 0..self.c.range(1, 4) {
            args.push(self.observation());
        }
        stats.push(print(args));
        self.pop_scope();
        self.funcs.pop();
        Chunk {
            block: block(stats),
        }
    }

    pub(crate) fn has(&self, f: Feature) -> bool {
        self.feats.contains(f)
    }

    /// A fresh name with a prefix that hints at its use.
    pub(crate) fn fresh(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}{}", self.counter)
    }

    pub(crate) fn f(&self) -> &FuncCtx {
        self.funcs.last().expect("inside a function")
    }

    pub(crate) fn f_mut(&mut self) -> &mut FuncCtx {
        self.funcs.last_mut().expect("inside a function")
    }

    // ---- Scopes -------------------------------------------------------------------

    pub(crate) fn push_scope(&mut self) {
        self.scope_marks.push(self.vars.len());
    }

    pub(crate) fn pop_scope(&mut self) {
        let mark = self.scope_marks.pop().expect("balanced scopes");
        while self.vars.len() > mark {
            let v = self.vars.pop().expect("non-empty");
            if let Some(i) = v.shadows {
                self.vars[i].hidden = false;
            }
        }
    }

    /// Brings a variable into scope. Call it after generating the initialiser (which
    /// cannot see the new variable, manual §3.3.7).
    pub(crate) fn declare(&mut self, name: &str, ty: Ty, assignable: bool) -> usize {
        let shadows = self.vars.iter().rposition(|v| !v.hidden && v.name == name);
        if let Some(i) = shadows {
            self.vars[i].hidden = true;
        }
        let coro = self.f().coro;
        self.vars.push(Var {
            name: name.to_string(),
            ty,
            assignable,
            known: None,
            hidden: false,
            shadows,
            coro,
        });
        self.vars.len() - 1
    }

    /// Number of locals of the current function in scope.
    pub(crate) fn locals_in_function(&self) -> usize {
        self.vars.len() - self.f().var_base
    }

    /// Whether the current function may declare more locals.
    pub(crate) fn may_declare(&self) -> bool {
        self.locals_in_function() < MAX_LOCALS
    }

    /// Whether a variable may be read here: visible, and if its type yields, we are in
    /// a yieldable context.
    pub(crate) fn usable(&self, v: &Var) -> bool {
        !v.hidden && (!self.types.yields(v.ty) || (self.f().yieldable && v.coro == self.f().coro))
    }

    /// A random usable variable satisfying `pred`.
    pub(crate) fn pick_var(&mut self, pred: impl Fn(&Var, &Types) -> bool) -> Option<usize> {
        let ok = |g: &Self, v: &Var| g.usable(v) && pred(v, &g.types);
        let n = self.vars.iter().filter(|v| ok(self, v)).count();
        if n == 0 {
            return None;
        }
        // Favour recent variables: they are the ones the surrounding code is about.
        let k = if n > 4 && self.c.chance(50) {
            n - 1 - self.c.pick(4)
        } else {
            self.c.pick(n)
        };
        self.vars
            .iter()
            .enumerate()
            .filter(|(_, v)| ok(self, v))
            .nth(k)
            .map(|(i, _)| i)
    }

    /// `Name` expression for variable `i`.
    pub(crate) fn var_expr(&self, i: usize) -> lua_syntax::ast::Expr {
        crate::build::ex(lua_syntax::ast::ExprKind::Name(self.vars[i].name.clone()))
    }

    /// A usable variable of exactly this type (for non-scalar types) or fitting it.
    pub(crate) fn var_of(&mut self, ty: Ty) -> Option<usize> {
        self.pick_var(|v, _| v.ty.fits(ty))
    }

    /// Whether a usable variable of this class's metatable is in scope.
    pub(crate) fn visible_name(&self, name: &str) -> bool {
        self.vars.iter().any(|v| !v.hidden && v.name == name)
    }

    // ---- Budgets --------------------------------------------------------------------

    /// Charges `units` of work, run `mult` times.
    pub(crate) fn spend(&mut self, units: u64) {
        let f = self.f_mut();
        f.cost = f.cost.saturating_add(units.saturating_mul(f.mult));
    }

    /// How many units one more statement here may cost.
    pub(crate) fn room(&self) -> u64 {
        let f = self.f();
        f.cap.saturating_sub(f.cost) / f.mult.max(1)
    }

    /// The estimated cost of a call to a function of this type.
    pub(crate) fn call_cost(&self, ty: Ty) -> u64 {
        match ty {
            Ty::Func(i) => {
                self.sig_costs
                    .get(i as usize)
                    .copied()
                    .unwrap_or(FUNC_COST_CAP)
                    + 1
            }
            _ => FUNC_COST_CAP,
        }
    }

    /// Records that a function of this type costs `cost` per call.
    pub(crate) fn note_func_cost(&mut self, ty: Ty, cost: u64) {
        if let Ty::Func(i) = ty {
            let i = i as usize;
            if self.sig_costs.len() <= i {
                self.sig_costs.resize(i + 1, 0);
            }
            self.sig_costs[i] = self.sig_costs[i].max(cost);
        }
    }

    /// Whether the program may still get its one risky operation outside `pcall`.
    pub(crate) fn unprotected_allowed(&self) -> bool {
        self.unprotected_left > 0
    }

    /// An expression that prints deterministically: a value of a random printable type,
    /// or any value through [`determinism::observe`].
    pub(crate) fn observation(&mut self) -> lua_syntax::ast::Expr {
        let ty = self.any_ty();
        let e = self.expr(ty);
        if matches!(ty, Ty::Float | Ty::Num) && self.c.chance(15) {
            // `print` shows 14 significant digits; `%q` shows every bit of a float.
            return lcall("string", "format", vec![string("%q"), e]);
        }
        determinism::observe(e, ty, &self.types)
    }

    /// A new coroutine id.
    pub(crate) fn new_coro(&mut self) -> u32 {
        self.coro_counter += 1;
        self.coro_counter
    }

    /// Consumes one statement of the size budget.
    pub(crate) fn count_stat(&mut self, n: i64) {
        self.stats_left -= n;
    }

    /// Runs `body` as the body of a loop executed `trips` times.
    pub(crate) fn in_loop<T>(&mut self, trips: u64, body: impl FnOnce(&mut Self) -> T) -> T {
        let f = self.f_mut();
        let saved = f.mult;
        f.mult = f.mult.saturating_mul(trips.max(1));
        f.loops += 1;
        let r = body(self);
        let f = self.f_mut();
        f.mult = saved;
        f.loops -= 1;
        r
    }

    /// Generates `stats` into a fresh nested block.
    pub(crate) fn nested_block(&mut self, max_stats: i64) -> lua_syntax::ast::Block {
        self.push_scope();
        self.block_depth += 1;
        let mut stats: Vec<Stat> = Vec::new();
        let n = self.c.range(1, max_stats.max(1));
        let stop = self.stats_left - n;
        while self.stats_left > stop && self.stats_left > 0 && !self.c.is_empty() {
            self.stat(&mut stats);
        }
        self.block_depth -= 1;
        self.pop_scope();
        block(stats)
    }
}
