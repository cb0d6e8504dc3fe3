//! The static types the generator tracks for everything it has generated.
//!
//! Types are what make programs valid by construction: an operand of `+` is generated at a
//! numeric type, a callee at a function type with known parameters, a table read at a
//! field whose type is known. Tables, function signatures and classes (tables with a
//! metatable) are interned in a [`Types`] registry and referred to by index, so [`Ty`] is
//! `Copy` and two values have the same type exactly when they may be assigned to each other.

use std::rc::Rc;

/// Index of a table shape in [`Types::tables`].
pub(crate) type TabId = u32;
/// Index of a function signature in [`Types::sigs`].
pub(crate) type SigId = u32;
/// Index of a class in [`Types::classes`].
pub(crate) type ClassId = u32;

/// A static type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Ty {
    Nil,
    Bool,
    /// A number of subtype integer.
    Int,
    /// A number of subtype float whose value every engine computes bit for bit.
    Float,
    /// A number whose subtype depends on values (`math.max(1, 2.5)`, `tonumber(s)`).
    Num,
    /// A float produced by a transcendental function (`math.sin`, `math.exp`, ...): engines may
    /// legitimately differ in its last bits, so it is only observed through `%.10g`.
    Fuzzy,
    Str,
    /// A string known to convert to a number (`"0x10"`, `" 1e2 "`): usable in arithmetic.
    NumStr,
    Tab(TabId),
    Func(SigId),
    /// A table with a metatable, see [`Class`].
    Obj(ClassId),
    Thread,
    /// Anything: only its `type()` is observed.
    Any,
}

impl Ty {
    /// Whether a value of type `self` may be stored where `want` is expected.
    pub(crate) fn fits(self, want: Ty) -> bool {
        self == want
            || want == Ty::Any
            || (want == Ty::Num && matches!(self, Ty::Int | Ty::Float))
            || (want == Ty::Str && self == Ty::NumStr)
    }

    pub(crate) fn is_string(self) -> bool {
        matches!(self, Ty::Str | Ty::NumStr)
    }

    /// Values that are never `nil` or `false`, so `x and y or z` selects `y`.
    pub(crate) fn is_truthy(self) -> bool {
        !matches!(self, Ty::Nil | Ty::Bool | Ty::Any)
    }
}

/// The shape of a plain table (one without a metatable).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Shape {
    /// A sequence (manual §3.4.7): keys `1..n`, no holes, every element of type `elem`.
    /// Only operations that keep it a sequence are generated, so `#t` is deterministic.
    Seq { elem: Ty },
    /// String keys fixed when the table is built, each with its type. Writes keep types.
    Rec { fields: Vec<(String, Ty)> },
    /// Keys of one type to values of one type; iterated only order-independently.
    Map { key: Ty, val: Ty },
}

/// A function signature.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Sig {
    pub params: Vec<Ty>,
    /// For a vararg function, the type of every extra argument (callers never pass nil).
    pub va: Option<Ty>,
    /// The results, all of them always returned.
    pub rets: Vec<Ty>,
    /// The function may call `coroutine.yield`: callable only inside a coroutine.
    pub yields: bool,
}

/// The metamethods a class defines (manual §2.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Event {
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
    Unm,
    IDiv,
    BAnd,
    BOr,
    BXor,
    Shl,
    Shr,
    BNot,
    Concat,
    Len,
    Eq,
    Lt,
    Le,
    Call,
    ToString,
    Close,
}

impl Event {
    pub(crate) const ALL: [Event; 22] = [
        Event::Add,
        Event::Sub,
        Event::Mul,
        Event::Div,
        Event::Mod,
        Event::Pow,
        Event::Unm,
        Event::IDiv,
        Event::BAnd,
        Event::BOr,
        Event::BXor,
        Event::Shl,
        Event::Shr,
        Event::BNot,
        Event::Concat,
        Event::Len,
        Event::Eq,
        Event::Lt,
        Event::Le,
        Event::Call,
        Event::ToString,
        Event::Close,
    ];

    /// The metatable key, `__add` and so on.
    pub(crate) fn key(self) -> &'static str {
        match self {
            Event::Add => "__add",
            Event::Sub => "__sub",
            Event::Mul => "__mul",
            Event::Div => "__div",
            Event::Mod => "__mod",
            Event::Pow => "__pow",
            Event::Unm => "__unm",
            Event::IDiv => "__idiv",
            Event::BAnd => "__band",
            Event::BOr => "__bor",
            Event::BXor => "__bxor",
            Event::Shl => "__shl",
            Event::Shr => "__shr",
            Event::BNot => "__bnot",
            Event::Concat => "__concat",
            Event::Len => "__len",
            Event::Eq => "__eq",
            Event::Lt => "__lt",
            Event::Le => "__le",
            Event::Call => "__call",
            Event::ToString => "__tostring",
            Event::Close => "__close",
        }
    }

    /// The binary operator that triggers a binary arithmetic, bitwise or concat event.
    pub(crate) fn binop(self) -> Option<lua_syntax::ast::BinOp> {
        use lua_syntax::ast::BinOp as B;
        Some(match self {
            Event::Add => B::Add,
            Event::Sub => B::Sub,
            Event::Mul => B::Mul,
            Event::Div => B::Div,
            Event::Mod => B::Mod,
            Event::Pow => B::Pow,
            Event::IDiv => B::IDiv,
            Event::BAnd => B::BAnd,
            Event::BOr => B::BOr,
            Event::BXor => B::BXor,
            Event::Shl => B::Shl,
            Event::Shr => B::Shr,
            Event::Concat => B::Concat,
            _ => return None,
        })
    }
}

/// A "class": tables sharing one metatable. Objects of a class have the raw fields
/// `fields`, find `methods` through an `__index` chain, and answer every other key with a
/// value of type `fallback` (through an `__index` function) or `nil`.
#[derive(Clone, Debug)]
pub(crate) struct Class {
    /// The variable holding the metatable (also the class table for methods).
    pub mt_name: String,
    pub fields: Vec<(String, Ty)>,
    /// Methods reachable through `__index` (maybe several levels up), taking `self` first.
    pub methods: Vec<(String, SigId)>,
    /// The type of any other key read through `__index`; `Nil` when there is none.
    pub fallback: Ty,
    /// Metamethods defined, with the type of their result.
    pub events: Vec<(Event, Ty)>,
    /// `__newindex` stores keys absent from the raw table elsewhere; it takes values of
    /// type `fallback` only, so reads keep their type.
    pub newindex: bool,
    /// `__call`'s parameters (after the object itself) and result.
    pub call_sig: Option<SigId>,
    /// Estimated cost of one metamethod call.
    pub mm_cost: u64,
    /// Metamethods may yield: objects are usable only inside that coroutine.
    pub yields: bool,
}

impl Class {
    pub(crate) fn event(&self, e: Event) -> Option<Ty> {
        self.events.iter().find(|(ev, _)| *ev == e).map(|(_, t)| *t)
    }
}

/// The registry of interned table shapes, signatures and classes of one program.
/// Entries are reference counted so that generators can hold on to one while they
/// generate more code (which may intern more types) without copying it.
#[derive(Default)]
pub(crate) struct Types {
    pub tables: Vec<Rc<Shape>>,
    pub sigs: Vec<Rc<Sig>>,
    pub classes: Vec<Rc<Class>>,
}

impl Types {
    pub(crate) fn table(&mut self, shape: Shape) -> Ty {
        if let Some(i) = self.tables.iter().position(|s| **s == shape) {
            return Ty::Tab(i as TabId);
        }
        self.tables.push(Rc::new(shape));
        Ty::Tab((self.tables.len() - 1) as TabId)
    }

    pub(crate) fn sig(&mut self, sig: Sig) -> Ty {
        if let Some(i) = self.sigs.iter().position(|s| **s == sig) {
            return Ty::Func(i as SigId);
        }
        self.sigs.push(Rc::new(sig));
        Ty::Func((self.sigs.len() - 1) as SigId)
    }

    pub(crate) fn class(&mut self, class: Class) -> Ty {
        self.classes.push(Rc::new(class));
        Ty::Obj((self.classes.len() - 1) as ClassId)
    }

    pub(crate) fn shape(&self, ty: Ty) -> Option<&Shape> {
        self.shape_rc(ty).map(|s| &**s)
    }

    pub(crate) fn shape_rc(&self, ty: Ty) -> Option<&Rc<Shape>> {
        match ty {
            Ty::Tab(i) => self.tables.get(i as usize),
            _ => None,
        }
    }

    pub(crate) fn sig_of(&self, ty: Ty) -> Option<&Sig> {
        self.sig_rc(ty).map(|s| &**s)
    }

    pub(crate) fn sig_rc(&self, ty: Ty) -> Option<&Rc<Sig>> {
        match ty {
            Ty::Func(i) => self.sigs.get(i as usize),
            _ => None,
        }
    }

    pub(crate) fn class_of(&self, ty: Ty) -> Option<&Class> {
        self.class_rc(ty).map(|c| &**c)
    }

    pub(crate) fn class_rc(&self, ty: Ty) -> Option<&Rc<Class>> {
        match ty {
            Ty::Obj(i) => self.classes.get(i as usize),
            _ => None,
        }
    }

    /// Whether values of this type may be used inside the current coroutine only.
    pub(crate) fn yields(&self, ty: Ty) -> bool {
        match ty {
            Ty::Func(_) => self.sig_of(ty).is_some_and(|s| s.yields),
            Ty::Obj(_) => self.class_of(ty).is_some_and(|c| c.yields),
            _ => false,
        }
    }
}
