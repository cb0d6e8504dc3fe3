//! Coverage of generated programs: which AST node kinds and which library functions a
//! chunk contains. Campaigns union these sets over many programs and report what was
//! never generated (targets: every node kind, at least 90% of [`CONFORMANCE_LIBRARY`]).

use std::collections::BTreeSet;

use lua_syntax::ast::{
    Attrib, BinOp, Block, Chunk, Expr, ExprKind, Field, FuncBody, Stat, StatKind, UnOp,
};

/// Every AST node kind, as named by [`node_kinds`]: statement kinds, expression kinds,
/// operators, table field kinds and local attributes.
pub const ALL_NODE_KINDS: &[&str] = &[
    "stat:Assign",
    "stat:Call",
    "stat:Do",
    "stat:While",
    "stat:Repeat",
    "stat:If",
    "stat:NumericFor",
    "stat:GenericFor",
    "stat:Function",
    "stat:LocalFunction",
    "stat:Local",
    "stat:Label",
    "stat:Goto",
    "stat:Break",
    "stat:Return",
    "expr:Nil",
    "expr:False",
    "expr:True",
    "expr:Vararg",
    "expr:Integer",
    "expr:Float",
    "expr:String",
    "expr:Function",
    "expr:Table",
    "expr:Binary",
    "expr:Unary",
    "expr:Name",
    "expr:Index",
    "expr:Call",
    "expr:Method",
    "expr:Paren",
    "binop:+",
    "binop:-",
    "binop:*",
    "binop:/",
    "binop://",
    "binop:%",
    "binop:^",
    "binop:..",
    "binop:==",
    "binop:~=",
    "binop:<",
    "binop:<=",
    "binop:>",
    "binop:>=",
    "binop:and",
    "binop:or",
    "binop:&",
    "binop:|",
    "binop:~",
    "binop:<<",
    "binop:>>",
    "unop:-",
    "unop:not",
    "unop:#",
    "unop:~",
    "field:Positional",
    "field:Keyed",
    "attrib:const",
    "attrib:close",
    "funcname:method",
    "funcname:path",
];

/// The library functions (and constants) of the conformance list: what the engines'
/// environment provides and generated programs should exercise.
pub const CONFORMANCE_LIBRARY: &[&str] = &[
    "assert",
    "error",
    "getmetatable",
    "ipairs",
    "load",
    "next",
    "pairs",
    "pcall",
    "print",
    "rawequal",
    "rawget",
    "rawlen",
    "rawset",
    "select",
    "setmetatable",
    "tonumber",
    "tostring",
    "type",
    "xpcall",
    "string.byte",
    "string.char",
    "string.find",
    "string.format",
    "string.gmatch",
    "string.gsub",
    "string.len",
    "string.lower",
    "string.upper",
    "string.match",
    "string.rep",
    "string.reverse",
    "string.sub",
    "string.pack",
    "string.unpack",
    "string.packsize",
    "table.concat",
    "table.insert",
    "table.move",
    "table.pack",
    "table.remove",
    "table.sort",
    "table.unpack",
    "math.abs",
    "math.acos",
    "math.asin",
    "math.atan",
    "math.ceil",
    "math.cos",
    "math.deg",
    "math.exp",
    "math.floor",
    "math.fmod",
    "math.huge",
    "math.log",
    "math.max",
    "math.maxinteger",
    "math.min",
    "math.mininteger",
    "math.modf",
    "math.pi",
    "math.rad",
    "math.random",
    "math.randomseed",
    "math.sin",
    "math.sqrt",
    "math.tan",
    "math.tointeger",
    "math.type",
    "math.ult",
    "math.pow",
    "math.ldexp",
    "math.frexp",
    "math.cosh",
    "math.sinh",
    "math.tanh",
    "math.log10",
    "utf8.char",
    "utf8.charpattern",
    "utf8.codepoint",
    "utf8.codes",
    "utf8.len",
    "utf8.offset",
    "coroutine.close",
    "coroutine.create",
    "coroutine.isyieldable",
    "coroutine.resume",
    "coroutine.running",
    "coroutine.status",
    "coroutine.wrap",
    "coroutine.yield",
    "io.write",
];

const LIBRARIES: [&str; 6] = ["string", "table", "math", "utf8", "coroutine", "io"];

/// The node kinds (names from [`ALL_NODE_KINDS`]) that occur in `chunk`.
pub fn node_kinds(chunk: &Chunk) -> BTreeSet<&'static str> {
    let mut v = Visitor::default();
    v.block(&chunk.block);
    v.kinds
}

/// The library functions of [`CONFORMANCE_LIBRARY`] that `chunk` refers to: `lib.f`
/// (called or not), base functions by name, and string methods (`s:rep(...)`).
pub fn library_functions(chunk: &Chunk) -> BTreeSet<&'static str> {
    let mut v = Visitor::default();
    v.block(&chunk.block);
    v.functions
}

#[derive(Default)]
struct Visitor {
    kinds: BTreeSet<&'static str>,
    functions: BTreeSet<&'static str>,
}

impl Visitor {
    fn note_function(&mut self, qualified: &str) {
        if let Some(&f) = CONFORMANCE_LIBRARY.iter().find(|&&f| f == qualified) {
            self.functions.insert(f);
        }
    }

    fn block(&mut self, b: &Block) {
        for s in &b.stats {
            self.stat(s);
        }
        if let Some(r) = &b.ret {
            self.kinds.insert("stat:Return");
            for e in &r.values {
                self.expr(e);
            }
        }
    }

    fn body(&mut self, f: &FuncBody) {
        self.block(&f.block);
    }

    fn stat(&mut self, s: &Stat) {
        let kind = match &s.kind {
            StatKind::Assign { targets, values } => {
                targets.iter().chain(values).for_each(|e| self.expr(e));
                "stat:Assign"
            }
            StatKind::Call(e) => {
                self.expr(e);
                "stat:Call"
            }
            StatKind::Do(b) => {
                self.block(b);
                "stat:Do"
            }
            StatKind::While { cond, body } => {
                self.expr(cond);
                self.block(body);
                "stat:While"
            }
            StatKind::Repeat { body, cond } => {
                self.block(body);
                self.expr(cond);
                "stat:Repeat"
            }
            StatKind::If {
                clauses,
                else_block,
            } => {
                for (c, b) in clauses {
                    self.expr(c);
                    self.block(b);
                }
                if let Some(b) = else_block {
                    self.block(b);
                }
                "stat:If"
            }
            StatKind::NumericFor {
                start,
                limit,
                step,
                body,
                ..
            } => {
                self.expr(start);
                self.expr(limit);
                if let Some(s) = step {
                    self.expr(s);
                }
                self.block(body);
                "stat:NumericFor"
            }
            StatKind::GenericFor { exprs, body, .. } => {
                exprs.iter().for_each(|e| self.expr(e));
                self.block(body);
                "stat:GenericFor"
            }
            StatKind::Function { name, body } => {
                self.kinds.insert(if name.method.is_some() {
                    "funcname:method"
                } else {
                    "funcname:path"
                });
                self.body(body);
                "stat:Function"
            }
            StatKind::LocalFunction { body, .. } => {
                self.body(body);
                "stat:LocalFunction"
            }
            StatKind::Local { vars, values } => {
                for v in vars {
                    match v.attrib {
                        Some(Attrib::Const) => self.kinds.insert("attrib:const"),
                        Some(Attrib::Close) => self.kinds.insert("attrib:close"),
                        None => false,
                    };
                }
                values.iter().for_each(|e| self.expr(e));
                "stat:Local"
            }
            StatKind::Label(_) => "stat:Label",
            StatKind::Goto(_) => "stat:Goto",
            StatKind::Break => "stat:Break",
        };
        self.kinds.insert(kind);
    }

    fn expr(&mut self, e: &Expr) {
        let kind = match &e.kind {
            ExprKind::Nil => "expr:Nil",
            ExprKind::False => "expr:False",
            ExprKind::True => "expr:True",
            ExprKind::Vararg => "expr:Vararg",
            ExprKind::Integer(_) => "expr:Integer",
            ExprKind::Float(_) => "expr:Float",
            ExprKind::String(_) => "expr:String",
            ExprKind::Function(f) => {
                self.body(f);
                "expr:Function"
            }
            ExprKind::Table(table) => {
                for f in &table.fields {
                    match f {
                        Field::Positional(v) => {
                            self.kinds.insert("field:Positional");
                            self.expr(v);
                        }
                        Field::Keyed { key, value } => {
                            self.kinds.insert("field:Keyed");
                            self.expr(key);
                            self.expr(value);
                        }
                    }
                }
                "expr:Table"
            }
            ExprKind::Binary { op, lhs, rhs } => {
                self.kinds.insert(binop_kind(*op));
                self.expr(lhs);
                self.expr(rhs);
                "expr:Binary"
            }
            ExprKind::Unary { op, operand } => {
                self.kinds.insert(unop_kind(*op));
                self.expr(operand);
                "expr:Unary"
            }
            ExprKind::Name(n) => {
                self.note_function(n);
                "expr:Name"
            }
            ExprKind::Index { object, key } => {
                if let (ExprKind::Name(lib), ExprKind::String(f)) = (&object.kind, &key.kind)
                    && LIBRARIES.contains(&lib.as_str())
                {
                    self.note_function(&format!("{lib}.{}", String::from_utf8_lossy(f)));
                }
                self.expr(object);
                self.expr(key);
                "expr:Index"
            }
            ExprKind::Call { func, args, .. } => {
                self.expr(func);
                args.iter().for_each(|a| self.expr(a));
                "expr:Call"
            }
            ExprKind::Method {
                object, name, args, ..
            } => {
                // Methods named like string functions are string methods: generated
                // programs name their own methods differently.
                self.note_function(&format!("string.{name}"));
                self.expr(object);
                args.iter().for_each(|a| self.expr(a));
                "expr:Method"
            }
            ExprKind::Paren(inner) => {
                self.expr(inner);
                "expr:Paren"
            }
        };
        self.kinds.insert(kind);
    }
}

fn binop_kind(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "binop:+",
        BinOp::Sub => "binop:-",
        BinOp::Mul => "binop:*",
        BinOp::Div => "binop:/",
        BinOp::IDiv => "binop://",
        BinOp::Mod => "binop:%",
        BinOp::Pow => "binop:^",
        BinOp::Concat => "binop:..",
        BinOp::Eq => "binop:==",
        BinOp::Ne => "binop:~=",
        BinOp::Lt => "binop:<",
        BinOp::Le => "binop:<=",
        BinOp::Gt => "binop:>",
        BinOp::Ge => "binop:>=",
        BinOp::And => "binop:and",
        BinOp::Or => "binop:or",
        BinOp::BAnd => "binop:&",
        BinOp::BOr => "binop:|",
        BinOp::BXor => "binop:~",
        BinOp::Shl => "binop:<<",
        BinOp::Shr => "binop:>>",
    }
}

fn unop_kind(op: UnOp) -> &'static str {
    match op {
        UnOp::Neg => "unop:-",
        UnOp::Not => "unop:not",
        UnOp::Len => "unop:#",
        UnOp::BNot => "unop:~",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operator_has_a_node_kind() {
        for op in BinOp::ALL {
            assert!(ALL_NODE_KINDS.contains(&binop_kind(op)), "{op:?}");
        }
        for op in UnOp::ALL {
            assert!(ALL_NODE_KINDS.contains(&unop_kind(op)), "{op:?}");
        }
    }
}
