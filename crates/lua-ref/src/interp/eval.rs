//! Expressions (manual §3.4): each rule evaluates its operands left to right, then applies
//! the operation with the metamethod rules of `ops.rs`.

use std::rc::Rc;

use lua_prims::ArithOp;
use lua_syntax::ast::{BinOp, UnOp};

use super::{CallName, Exec, Frame, Site};
use crate::ir::{Expr, ExprKind, Field, Proto, UpvalSource, varinfo};
use crate::table::Table;
use crate::value::{FunctionRef, LResult, LuaClosure, UpCell, Value};

/// Positional fields a constructor stores at once (`LFIELDS_PER_FLUSH`): keyed fields in
/// between are stored before the pending positional ones, which is observable when keys
/// collide (`{[1] = "a", "b"}` gives `"b"`).
const FIELDS_PER_FLUSH: usize = 50;

impl Exec<'_> {
    /// Evaluates an expression to one value (multiple results are truncated).
    pub(crate) fn eval(&mut self, fr: &mut Frame<'_>, e: &Expr) -> LResult<Value> {
        match &e.kind {
            ExprKind::Nil => Ok(Value::Nil),
            ExprKind::True => Ok(Value::Boolean(true)),
            ExprKind::False => Ok(Value::Boolean(false)),
            ExprKind::Integer(i) => Ok(Value::Integer(*i)),
            ExprKind::Float(f) => Ok(Value::Float(*f)),
            ExprKind::String(s) => Ok(Value::String(s.clone())),
            ExprKind::Vararg => Ok(fr.varargs.first().cloned().unwrap_or_default()),
            ExprKind::Local { slot, .. } => Ok(fr.get(*slot)),
            ExprKind::Upval { index, .. } => Ok(fr.upvals[*index as usize].get()),
            ExprKind::Function(p) => Ok(self.make_closure(fr, p)),
            ExprKind::Table(fields) => self.eval_table(fr, fields),
            ExprKind::And(lhs, rhs) => {
                self.check_stack()?;
                let a = self.eval(fr, lhs)?;
                if a.truthy() {
                    self.eval(fr, rhs)
                } else {
                    Ok(a)
                }
            }
            ExprKind::Or(lhs, rhs) => {
                self.check_stack()?;
                let a = self.eval(fr, lhs)?;
                if a.truthy() {
                    Ok(a)
                } else {
                    self.eval(fr, rhs)
                }
            }
            ExprKind::Binary { op, lhs, rhs } => {
                self.check_stack()?;
                // PUC operates on a local variable in its register: it is read when the
                // operation runs, after the other operand was evaluated (which can change
                // it through a closure). Concatenation copies its operands first.
                if let (ExprKind::Local { slot, .. }, false) = (&lhs.kind, *op == BinOp::Concat) {
                    let b = self.eval(fr, rhs)?;
                    let a = fr.get(*slot);
                    return self.binary(*op, a, b, e.line, lhs, rhs);
                }
                let a = self.eval(fr, lhs)?;
                let b = self.eval(fr, rhs)?;
                self.binary(*op, a, b, e.line, lhs, rhs)
            }
            ExprKind::SubImmediate { lhs, k } => {
                self.check_stack()?;
                let a = self.eval(fr, lhs)?;
                if let Some(x) = a.as_number() {
                    let r = lua_prims::number::arith(
                        ArithOp::Add,
                        x,
                        lua_prims::Number::Integer(k.wrapping_neg()),
                    );
                    if let Ok(n) = r {
                        return Ok(Value::from_number(n));
                    }
                }
                let rhs = Expr {
                    kind: ExprKind::Integer(*k),
                    line: e.line,
                };
                self.arith(
                    ArithOp::Sub,
                    a,
                    Value::Integer(*k),
                    e.line,
                    Some(lhs),
                    Some(&rhs),
                )
            }
            ExprKind::Unary { op, operand } => {
                self.check_stack()?;
                let v = self.eval(fr, operand)?;
                self.unary(*op, v, e.line, operand)
            }
            ExprKind::Index { object, key, .. } => {
                self.check_stack()?;
                // As for operators, a local table is read when the access runs.
                if let ExprKind::Local { slot, .. } = &object.kind {
                    let k = self.eval(fr, key)?;
                    let o = fr.get(*slot);
                    return self.index(o, k, e.line, object);
                }
                let o = self.eval(fr, object)?;
                let k = self.eval(fr, key)?;
                self.index(o, k, e.line, object)
            }
            ExprKind::Call { .. } | ExprKind::Method { .. } => Ok(self
                .eval_call(fr, e)?
                .into_iter()
                .next()
                .unwrap_or_default()),
            ExprKind::Paren(inner) => {
                self.check_stack()?;
                self.eval(fr, inner)
            }
        }
    }

    /// Evaluates an expression that may produce several values (a call or `...`) into
    /// `out`; any other expression adds one value.
    pub(crate) fn eval_multi(
        &mut self,
        fr: &mut Frame<'_>,
        e: &Expr,
        out: &mut Vec<Value>,
    ) -> LResult<()> {
        match &e.kind {
            ExprKind::Call { .. } | ExprKind::Method { .. } => {
                let results = self.eval_call(fr, e)?;
                if out.is_empty() {
                    *out = results;
                } else {
                    out.extend(results);
                }
            }
            ExprKind::Vararg => out.extend(fr.varargs.iter().cloned()),
            _ => {
                let v = self.eval(fr, e)?;
                out.push(v);
            }
        }
        Ok(())
    }

    /// Evaluates an expression list: every expression gives one value except the last,
    /// which gives all of its values (manual §3.4.12).
    pub(crate) fn eval_list(&mut self, fr: &mut Frame<'_>, exprs: &[Expr]) -> LResult<Vec<Value>> {
        let mut out = Vec::with_capacity(exprs.len());
        if let Some((last, init)) = exprs.split_last() {
            for e in init {
                let v = self.eval(fr, e)?;
                out.push(v);
            }
            self.eval_multi(fr, last, &mut out)?;
        }
        Ok(out)
    }

    /// A function call or method call (manual §3.4.10), with all its results.
    pub(crate) fn eval_call(&mut self, fr: &mut Frame<'_>, e: &Expr) -> LResult<Vec<Value>> {
        let (f, args, name) = self.prepare_call(fr, e)?;
        let site = Site {
            line: e.line,
            name,
            from_lua: true,
        };
        self.call_value(f, args, &site)
    }

    /// Evaluates the function and the arguments of a call: `a:m(...)` evaluates `a` once
    /// and passes it as the first argument.
    pub(crate) fn prepare_call(
        &mut self,
        fr: &mut Frame<'_>,
        e: &Expr,
    ) -> LResult<(Value, Vec<Value>, CallName)> {
        match &e.kind {
            ExprKind::Call { func, args, name } => {
                let f = self.eval(fr, func)?;
                let args = self.eval_list(fr, args)?;
                let name = match name {
                    Some(v) => CallName::Var(v.clone()),
                    None => CallName::None,
                };
                Ok((f, args, name))
            }
            ExprKind::Method {
                object,
                name,
                args,
                info,
            } => {
                let o = self.eval(fr, object)?;
                let f = self.index(o.clone(), Value::String(name.clone()), e.line, object)?;
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(o);
                if let Some((last, init)) = args.split_last() {
                    for a in init {
                        let v = self.eval(fr, a)?;
                        all.push(v);
                    }
                    self.eval_multi(fr, last, &mut all)?;
                }
                Ok((f, all, CallName::Var(info.clone())))
            }
            _ => unreachable!("prepare_call on a non-call expression"),
        }
    }

    /// A closure of `p` capturing the current cells and upvalues (manual §3.5).
    #[inline(never)]
    pub(crate) fn make_closure(&mut self, fr: &Frame<'_>, p: &Rc<Proto>) -> Value {
        let upvalues: Box<[UpCell]> = p
            .upvalues
            .iter()
            .map(|u| match u.source {
                UpvalSource::ParentCell(c) => match &fr.cells[c as usize] {
                    Some(cell) => cell.clone(),
                    None => self.rt.new_cell(Value::Nil),
                },
                UpvalSource::ParentUpval(i) => fr.upvals[i as usize].clone(),
                UpvalSource::Globals => self.rt.globals_cell.clone(),
            })
            .collect();
        Value::Function(FunctionRef::lua(LuaClosure {
            proto: p.clone(),
            upvalues: std::cell::RefCell::new(upvalues),
        }))
    }

    /// A table constructor (manual §3.4.9).
    #[inline(never)]
    fn eval_table(&mut self, fr: &mut Frame<'_>, fields: &[Field]) -> LResult<Value> {
        let positional = fields
            .iter()
            .filter(|f| matches!(f, Field::Positional(_)))
            .count();
        let keyed = fields.len() - positional;
        // PUC sizes the array part for the positional fields, not counting a final call
        // or `...` (whose values are added when they are known).
        let open_last = matches!(fields.last(), Some(Field::Positional(e)) if e.is_multi());
        let array_size = positional - usize::from(open_last);
        self.rt.reserve(array_size * 16 + keyed * 40)?;
        let t = self.rt.new_table(Table::with_capacity(array_size, keyed));
        let mut pending: Vec<Value> = Vec::new();
        let mut stored: i64 = 0;
        for (i, field) in fields.iter().enumerate() {
            if pending.len() == FIELDS_PER_FLUSH {
                let items = std::mem::take(&mut pending);
                let n = items.len() as i64;
                t.borrow_mut().set_list(stored + 1, items);
                stored += n;
            }
            match field {
                Field::Positional(e) => {
                    if i == fields.len() - 1 {
                        self.eval_multi(fr, e, &mut pending)?;
                    } else {
                        let v = self.eval(fr, e)?;
                        pending.push(v);
                    }
                }
                Field::Keyed { key, value } => {
                    // A local key is read when the field is stored, after its value.
                    let (k, v) = if let ExprKind::Local { slot, .. } = &key.kind {
                        let v = self.eval(fr, value)?;
                        (fr.get(*slot), v)
                    } else {
                        let k = self.eval(fr, key)?;
                        (k, self.eval(fr, value)?)
                    };
                    if let Err(err) = t.borrow_mut().set(k, v) {
                        return Err(self.rt_error(key.line, err.message()));
                    }
                }
            }
        }
        if !pending.is_empty() {
            self.rt.reserve(pending.len() * 24)?;
            t.borrow_mut().set_list(stored + 1, pending);
        }
        Ok(Value::Table(t))
    }

    /// Binary operators other than `and`/`or`.
    #[inline(never)]
    fn binary(
        &mut self,
        op: BinOp,
        a: Value,
        b: Value,
        line: u32,
        lhs: &Expr,
        rhs: &Expr,
    ) -> LResult<Value> {
        let arith = |op| Some(op);
        let aop = match op {
            BinOp::Add => arith(ArithOp::Add),
            BinOp::Sub => arith(ArithOp::Sub),
            BinOp::Mul => arith(ArithOp::Mul),
            BinOp::Div => arith(ArithOp::Div),
            BinOp::IDiv => arith(ArithOp::IDiv),
            BinOp::Mod => arith(ArithOp::Mod),
            BinOp::Pow => arith(ArithOp::Pow),
            BinOp::BAnd => arith(ArithOp::BAnd),
            BinOp::BOr => arith(ArithOp::BOr),
            BinOp::BXor => arith(ArithOp::BXor),
            BinOp::Shl => arith(ArithOp::Shl),
            BinOp::Shr => arith(ArithOp::Shr),
            _ => None,
        };
        if let Some(aop) = aop {
            return self.arith(aop, a, b, line, Some(lhs), Some(rhs));
        }
        match op {
            BinOp::Concat => self.concat(a, b, line, lhs, rhs),
            BinOp::Eq => Ok(Value::Boolean(self.equals(&a, &b, line)?)),
            BinOp::Ne => Ok(Value::Boolean(!self.equals(&a, &b, line)?)),
            BinOp::Lt => Ok(Value::Boolean(self.less_than(&a, &b, line)?)),
            BinOp::Le => Ok(Value::Boolean(self.less_equal(&a, &b, line)?)),
            // `a > b` is `b < a` and `a >= b` is `b <= a`, operands swapped for the
            // metamethods and the messages too.
            BinOp::Gt => Ok(Value::Boolean(self.less_than(&b, &a, line)?)),
            BinOp::Ge => Ok(Value::Boolean(self.less_equal(&b, &a, line)?)),
            _ => unreachable!("and/or are not binary operations here"),
        }
    }

    #[inline(never)]
    fn unary(&mut self, op: UnOp, v: Value, line: u32, operand: &Expr) -> LResult<Value> {
        match op {
            UnOp::Not => Ok(Value::Boolean(!v.truthy())),
            UnOp::Neg => self.arith(
                ArithOp::Unm,
                v.clone(),
                v,
                line,
                Some(operand),
                Some(operand),
            ),
            UnOp::BNot => self.arith(
                ArithOp::BNot,
                v.clone(),
                v,
                line,
                Some(operand),
                Some(operand),
            ),
            UnOp::Len => self.length(v, line, Some(operand)),
        }
    }

    /// `object[key]` with the description of `object` for messages.
    pub(crate) fn index(
        &mut self,
        object: Value,
        key: Value,
        line: u32,
        object_expr: &Expr,
    ) -> LResult<Value> {
        // The fast path: a table without a metatable, or with the key present.
        if let Value::Table(t) = &object {
            let tb = t.borrow();
            let v = tb.get(&key);
            if !v.is_nil() || tb.meta.is_none() {
                return Ok(v);
            }
        }
        self.index_slow(object, key, line, || varinfo(object_expr))
    }
}
