//! Small constructors for lua-syntax trees, so generators read like the Lua they produce.
//!
//! Generated trees carry line 0 everywhere (the AST convention for trees that were never
//! parsed). The constructors keep the AST conventions the printer and parser rely on:
//! a unary minus is never applied directly to a numeral (it is folded into the literal,
//! as the parser would), and parentheses appear only around multi-value expressions.

use lua_syntax::ast::{
    Attrib, BinOp, Block, Expr, ExprKind, Field, FloatLit, FuncBody, FuncName, LocalVar, Return,
    Stat, StatKind, TableConstructor, UnOp,
};

pub(crate) fn ex(kind: ExprKind) -> Expr {
    Expr::new(kind, 0)
}

pub(crate) fn nil() -> Expr {
    ex(ExprKind::Nil)
}

pub(crate) fn boolean(b: bool) -> Expr {
    ex(if b { ExprKind::True } else { ExprKind::False })
}

pub(crate) fn vararg() -> Expr {
    ex(ExprKind::Vararg)
}

/// An integer numeral. `i64::MIN` has no numeral of its own in Lua (`-9223372036854775808`
/// reads as a float), so it is written as `math.mininteger`.
pub(crate) fn int(i: i64) -> Expr {
    if i == i64::MIN {
        return lib("math", "mininteger");
    }
    ex(ExprKind::Integer(i))
}

/// A float numeral. Infinities and NaN have no numeral and are built from expressions.
pub(crate) fn float(f: f64) -> Expr {
    if f.is_nan() {
        return bin(BinOp::Div, float(0.0), float(0.0));
    }
    if f.is_infinite() {
        let huge = lib("math", "huge");
        return if f > 0.0 { huge } else { un(UnOp::Neg, huge) };
    }
    ex(ExprKind::Float(FloatLit(f)))
}

pub(crate) fn string(s: &str) -> Expr {
    ex(ExprKind::String(s.as_bytes().to_vec()))
}

pub(crate) fn bytes(b: Vec<u8>) -> Expr {
    ex(ExprKind::String(b))
}

pub(crate) fn name(n: &str) -> Expr {
    ex(ExprKind::Name(n.to_string()))
}

pub(crate) fn bin(op: BinOp, lhs: Expr, rhs: Expr) -> Expr {
    ex(ExprKind::Binary {
        op,
        lhs: Box::new(lhs),
        rhs: Box::new(rhs),
    })
}

/// A unary operation; `-numeral` becomes a negative numeral (see the module docs).
pub(crate) fn un(op: UnOp, operand: Expr) -> Expr {
    if op == UnOp::Neg {
        match operand.kind {
            ExprKind::Integer(i) if i != i64::MIN => return int(i.wrapping_neg()),
            ExprKind::Float(FloatLit(f)) => return float(-f),
            _ => {}
        }
    }
    ex(ExprKind::Unary {
        op,
        operand: Box::new(operand),
    })
}

pub(crate) fn not(e: Expr) -> Expr {
    un(UnOp::Not, e)
}

pub(crate) fn index(object: Expr, key: Expr) -> Expr {
    ex(ExprKind::Index {
        object: Box::new(object),
        key: Box::new(key),
    })
}

/// `object.field`.
pub(crate) fn field(object: Expr, f: &str) -> Expr {
    index(object, string(f))
}

/// A library member such as `string.format` or `math.huge`.
pub(crate) fn lib(module: &str, member: &str) -> Expr {
    field(name(module), member)
}

pub(crate) fn call(func: Expr, args: Vec<Expr>) -> Expr {
    ex(ExprKind::Call {
        func: Box::new(func),
        args,
        close_line: 0,
    })
}

/// A call of a global function such as `print` or `pcall`.
pub(crate) fn gcall(f: &str, args: Vec<Expr>) -> Expr {
    call(name(f), args)
}

/// A call of a library function such as `string.rep`.
pub(crate) fn lcall(module: &str, member: &str, args: Vec<Expr>) -> Expr {
    call(lib(module, member), args)
}

pub(crate) fn method(object: Expr, m: &str, args: Vec<Expr>) -> Expr {
    ex(ExprKind::Method {
        object: Box::new(object),
        name: m.to_string(),
        args,
        close_line: 0,
    })
}

/// `(e)` for a call, method call or `...`; other expressions are returned unchanged
/// because the AST keeps parentheses only where they truncate results.
pub(crate) fn paren(e: Expr) -> Expr {
    if e.is_multi() {
        ex(ExprKind::Paren(Box::new(e)))
    } else {
        e
    }
}

pub(crate) fn func_body(params: Vec<String>, is_vararg: bool, block: Block) -> FuncBody {
    FuncBody {
        params,
        is_vararg,
        block,
        line: 0,
        end_line: 0,
    }
}

pub(crate) fn function(params: Vec<String>, is_vararg: bool, block: Block) -> Expr {
    ex(ExprKind::Function(Box::new(func_body(
        params, is_vararg, block,
    ))))
}

pub(crate) fn table(fields: Vec<Field>) -> Expr {
    ex(ExprKind::Table(TableConstructor::new(fields)))
}

pub(crate) fn pos(e: Expr) -> Field {
    Field::Positional(e)
}

pub(crate) fn keyed(key: Expr, value: Expr) -> Field {
    Field::Keyed { key, value }
}

pub(crate) fn named(f: &str, value: Expr) -> Field {
    Field::Keyed {
        key: string(f),
        value,
    }
}

pub(crate) fn st(kind: StatKind) -> Stat {
    Stat::new(kind, 0)
}

pub(crate) fn local(names: &[&str], values: Vec<Expr>) -> Stat {
    let vars = names
        .iter()
        .map(|n| LocalVar {
            name: n.to_string(),
            attrib: None,
        })
        .collect();
    st(StatKind::Local { vars, values })
}

pub(crate) fn local1(n: &str, value: Expr) -> Stat {
    local(&[n], vec![value])
}

pub(crate) fn local_attrib(n: &str, attrib: Option<Attrib>, value: Expr) -> Stat {
    st(StatKind::Local {
        vars: vec![LocalVar {
            name: n.to_string(),
            attrib,
        }],
        values: vec![value],
    })
}

pub(crate) fn assign(targets: Vec<Expr>, values: Vec<Expr>) -> Stat {
    st(StatKind::Assign { targets, values })
}

pub(crate) fn assign1(target: Expr, value: Expr) -> Stat {
    assign(vec![target], vec![value])
}

pub(crate) fn call_stat(e: Expr) -> Stat {
    st(StatKind::Call(e))
}

pub(crate) fn print(args: Vec<Expr>) -> Stat {
    call_stat(gcall("print", args))
}

pub(crate) fn do_block(b: Block) -> Stat {
    st(StatKind::Do(b))
}

pub(crate) fn if_then(cond: Expr, then: Block, else_block: Option<Block>) -> Stat {
    st(StatKind::If {
        clauses: vec![(cond, then)],
        else_block,
    })
}

pub(crate) fn numeric_for(
    var: &str,
    start: Expr,
    limit: Expr,
    step: Option<Expr>,
    body: Block,
) -> Stat {
    st(StatKind::NumericFor {
        var: var.to_string(),
        start,
        limit,
        step,
        body,
        do_line: 0,
    })
}

pub(crate) fn generic_for(vars: &[&str], exprs: Vec<Expr>, body: Block) -> Stat {
    st(StatKind::GenericFor {
        vars: vars.iter().map(|s| s.to_string()).collect(),
        exprs,
        body,
        call_line: 0,
        do_line: 0,
    })
}

pub(crate) fn local_function(n: &str, body: FuncBody) -> Stat {
    st(StatKind::LocalFunction {
        name: n.to_string(),
        body: Box::new(body),
    })
}

pub(crate) fn function_stat(path: &[&str], method: Option<&str>, body: FuncBody) -> Stat {
    let name = FuncName {
        path: path.iter().map(|s| s.to_string()).collect(),
        method: method.map(str::to_string),
    };
    st(StatKind::Function {
        name,
        body: Box::new(body),
    })
}

pub(crate) fn block(stats: Vec<Stat>) -> Block {
    Block { stats, ret: None }
}

pub(crate) fn block_ret(stats: Vec<Stat>, values: Vec<Expr>) -> Block {
    Block {
        stats,
        ret: Some(Return { values, line: 0 }),
    }
}

/// `if cond then break end`.
pub(crate) fn break_if(cond: Expr) -> Stat {
    if_then(cond, block(vec![st(StatKind::Break)]), None)
}

/// `math.type(e) or type(e)`: the subtype of a number, the type of anything else. Used to
/// make visible what a metamethod or a vararg function actually received.
pub(crate) fn type_of(e: Expr) -> Expr {
    bin(
        BinOp::Or,
        lcall("math", "type", vec![e.clone()]),
        gcall("type", vec![e]),
    )
}
