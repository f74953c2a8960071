//! Error sets: exactly the errors a function answers, in its type.
//!
//! `OneOf<(A, B, C)>` is an error that is one of `A`, `B` or `C`, each an [`ApiError`] or a
//! variant of one:
//!
//! - `?` turns any of them into the set, and another error does not compile;
//! - `?` turns a smaller set into a larger one that holds all its members (widening);
//! - [`narrow`](OneOf3::narrow) takes one member out and leaves a set of the others (of a set
//!   of one, [`Infallible`](core::convert::Infallible));
//! - the set is itself an [`ApiError`] (and an axum response, an actix-web `ResponseError`, a
//!   tonic `Status`, a `Serialize` body, `IntoResponses` and aide's `OperationOutput`, with the
//!   features), whose every answer is its member's, byte for byte, and whose
//!   [`catalog`](ApiError::catalog) is exactly its members' codes. A set renders its member
//!   through the [`ApiError`] methods of the member's [`Error`](Member::Error): a member that
//!   writes its own response for an integration (`without(axum)` and an `IntoResponse` of its
//!   own) is answered as the runtime renders it, not by that impl.
//!
//! A member ([`Member`]) is any type `#[derive(ApiError)]` writes (but one with a lifetime: a
//! set is `'static`), or a single variant of one: with `#[api_error(members)]` on an enum, the
//! derive writes a module named after it (`order_error` for `OrderError`) with one struct per
//! variant that is not `transparent` (the type such a variant wraps is the member). The struct
//! holds the variant's fields and converts into the enum; it is a member whose
//! [`Error`](Member::Error) is the enum, and carries no other impl but `Debug`, so that a
//! variant costs little to compile. A set holds it as the enum's variant and answers as that;
//! [`narrow`](OneOf3::narrow) gives the struct back. A function that answers a single variant
//! answers the set of one, `OneOf<(order_error::NotFound,)>`.
//! The module sees the items of the module the enum is declared in, so declare such an enum at
//! a module's level, not inside a function.
//!
//! ```
//! use api_error_core::ApiError;
//! use api_error_core::set::OneOf;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(members)]
//! pub enum OrderError {
//!     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
//!     NotFound {
//!         #[api_error(detail)]
//!         order_id: u64,
//!     },
//!     #[api_error(code = "ORDER_EXPIRED", status = 400, message = "Order {order_id} has expired")]
//!     Expired {
//!         #[api_error(detail)]
//!         order_id: u64,
//!     },
//! }
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(
//!     code = "AUTH_NOT_AUTHENTICATED",
//!     status = 401,
//!     message = "Authentication required",
//!     header("WWW-Authenticate", "Bearer")
//! )]
//! pub struct NotAuthenticated;
//!
//! // Answers ORDER_NOT_FOUND and nothing else.
//! fn find(order_id: u64) -> Result<u64, OneOf<(order_error::NotFound,)>> {
//!     if order_id == 0 {
//!         Err(order_error::NotFound { order_id })?;
//!     }
//!     Ok(order_id)
//! }
//!
//! // Answers what `find` answers, and AUTH_NOT_AUTHENTICATED; never ORDER_EXPIRED.
//! fn get(order_id: u64, signed_in: bool) -> Result<u64, OneOf<(NotAuthenticated, order_error::NotFound)>> {
//!     if !signed_in {
//!         Err(NotAuthenticated)?;
//!     }
//!     Ok(find(order_id)?)
//! }
//!
//! fn main() {
//!     let error = get(0, true).unwrap_err();
//!     assert_eq!(error.code(), "ORDER_NOT_FOUND");
//!     let codes: Vec<_> = <(NotAuthenticated, order_error::NotFound) as api_error_core::set::Set>::OneOf::catalog()
//!         .iter()
//!         .map(|entry| entry.code())
//!         .collect();
//!     assert_eq!(codes, ["AUTH_NOT_AUTHENTICATED", "ORDER_NOT_FOUND"]);
//!
//!     // Handle one member, pass the others on.
//!     match error.narrow::<order_error::NotFound, _>() {
//!         Ok(not_found) => assert_eq!(not_found.order_id, 0),
//!         Err(rest) => panic!("{rest}"),
//!     }
//! }
//! ```
//!
//! Answering an error the set does not list is a compile error at the `?` that names both:
//!
//! ```compile_fail
//! # use api_error_core::ApiError;
//! # use api_error_core::set::OneOf;
//! # #[derive(Debug, ApiError)]
//! # #[api_error(code = "A", status = 400, message = "A")]
//! # struct A;
//! # #[derive(Debug, ApiError)]
//! # #[api_error(code = "B", status = 400, message = "B")]
//! # struct B;
//! fn answer() -> Result<(), OneOf<(A,)>> {
//!     Err(B)?  // `B` is not in the set `(A,)`
//! }
//! ```
//!
//! Sets hold 1 to 12 members. Two sets of the same size never convert into each other with
//! `?` (the same size means the same members, or not a subset): Rust's coherence rules forbid a
//! `From` between two sets of one type that would also cover a set and itself.

use core::any::Any;
use core::fmt;

use http::StatusCode;
use serde::{Serialize, Serializer};

use crate::api_error::ApiError;
use crate::arguments::Arguments;
use crate::body::Body;
use crate::catalog::Catalog;
use crate::decode::{Decode, DecodeInput};
use crate::details::Details;
use crate::format::Format;
use crate::headers::Headers;
use crate::violation::Violations;

/// What can be a member of an error set: an [`ApiError`] of its own (a [`Standalone`] one:
/// every type `#[derive(ApiError)]` writes), or a part of one, such as the struct
/// `#[api_error(members)]` writes for a variant, which is its enum's error.
///
/// A set holds each member as its [`Error`](Self::Error), and answers through it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be a member of an error set",
    label = "`{Self}` is not a `Member`",
    note = "`#[derive(ApiError)]` makes a type a member, and `#[api_error(members)]` each variant of an enum; for an `ApiError` written by hand, write `impl api_error_core::set::Standalone for {Self} {{}}`",
    note = "a set is not a member of another: `?` turns a smaller set into a larger one that lists all its members"
)]
pub trait Member: Sized + 'static {
    /// The error the member is: the type itself, when it is an [`ApiError`]; the enum, for the
    /// struct of one of its variants.
    type Error: ApiError + 'static;

    /// The member as its error.
    fn into_error(self) -> Self::Error;

    /// `error` as this member, or `error` again when it is another.
    ///
    /// # Errors
    ///
    /// `error`, when it is not this member: another variant of the enum. It must accept every
    /// error [`into_error`](Self::into_error) makes.
    fn from_error(error: Self::Error) -> Result<Self, Self::Error>;

    /// The codes the member answers: of its enum's catalog, the variant's.
    fn catalog() -> Catalog;
}

/// An [`ApiError`] that is a [`Member`] of error sets as itself. `#[derive(ApiError)]` writes
/// it; for an [`ApiError`] written by hand, write an empty `impl`.
pub trait Standalone: ApiError {}

// A type that is no member is reported as not a `Member`, with its notes, rather than as
// not `Standalone`.
#[diagnostic::do_not_recommend]
impl<T: Standalone + 'static> Member for T {
    type Error = Self;

    fn into_error(self) -> Self {
        self
    }

    fn from_error(error: Self) -> Result<Self, Self> {
        Ok(error)
    }

    fn catalog() -> Catalog {
        <Self as ApiError>::catalog()
    }
}

/// A member of a set, as the set holds it: its [`Error`](Member::Error), made from an `M`.
pub struct Held<M: Member>(M::Error);

impl<M: Member> Held<M> {
    /// `member`, held.
    fn new(member: M) -> Self {
        Self(member.into_error())
    }

    /// The member.
    #[must_use]
    pub fn into_member(self) -> M {
        match M::from_error(self.0) {
            Ok(member) => member,
            Err(_) => unreachable!("a `Held<M>` holds an error made from an `M`"),
        }
    }

    /// The error the member is.
    #[must_use]
    pub fn error(&self) -> &M::Error {
        &self.0
    }

    /// The error the member is, owned.
    #[must_use]
    pub fn into_error(self) -> M::Error {
        self.0
    }
}

impl<M: Member> fmt::Debug for Held<M>
where
    M::Error: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl<M: Member> Clone for Held<M>
where
    M::Error: Clone,
{
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<M: Member> PartialEq for Held<M>
where
    M::Error: PartialEq,
{
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<M: Member> Eq for Held<M> where M::Error: Eq {}

/// The members of a set, as a tuple: `(A, B, C)`. [`OneOf<(A, B, C)>`](OneOf) is the error
/// that is one of them.
pub trait Set: 'static {
    /// The error that is one of the members: `OneOf3<A, B, C>` for `(A, B, C)`.
    type OneOf: ApiError;

    /// Not public API: the members as the supertraits of one trait object, so that membership
    /// is proved without an index.
    #[doc(hidden)]
    type Members: ?Sized;
}

/// One of the errors `S` lists: `OneOf<(A, B)>` is [`OneOf2<A, B>`].
pub type OneOf<S> = <S as Set>::OneOf;

/// The proof that the set `Self` (a tuple) lists `X`; what `?` asks of an error it turns into a
/// set.
#[diagnostic::on_unimplemented(
    message = "`{X}` is not one of the errors `{Self}`",
    label = "`{X}` is not in the set `{Self}`",
    note = "a function answers only the errors its set lists: add `{X}` to the set, or handle it here"
)]
pub trait Contains<X>: sealed::Proved<X> {}

#[diagnostic::do_not_recommend]
impl<S: Set, X> Contains<X> for S where S::Members: sealed::Has<X> {}

/// What no crate but this one can implement, so that `Contains` holds only for a member.
mod sealed {
    /// The trait object of a set's members has one of these for each.
    pub trait Has<X> {}

    /// `Contains<X>` is implemented only through `Has`.
    pub trait Proved<X> {}

    impl<S: super::Set, X> Proved<X> for S where S::Members: Has<X> {}
}

/// The position of a member in a set, for [`narrow`](OneOf3::narrow), which infers it: write
/// `_`.
pub mod position {
    macro_rules! positions {
        ($($name:ident)+) => {
            $(
                #[doc = concat!("The member at position `", stringify!($name), "`.")]
                #[derive(Debug, Clone, Copy)]
                pub enum $name {}
            )+
        };
    }
    positions!(P0 P1 P2 P3 P4 P5 P6 P7 P8 P9 P10 P11);
}

/// Takes member `M` out of a set, at position `P`; implemented for each member of each set.
pub trait Narrow<M, P> {
    /// The set of the other members.
    type Rest;

    /// `M`, or the error as one of the other members.
    ///
    /// # Errors
    ///
    /// The error, when it is not `M`, as one of the others.
    fn narrow(self) -> Result<M, Self::Rest>;
}

/// What a part of a request refuses it with, before the handler runs: an extractor, a guard.
/// Declared once, on the type, so that every operation that takes it documents these errors
/// without listing them ([`Answers`], and `openapi::aide::refusals` for aide's
/// `OperationInput`).
///
/// ```
/// use api_error_core::ApiError;
/// use api_error_core::set::{OneOf, Refuses};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "AUTH_NOT_AUTHENTICATED", status = 401, message = "Authentication required", header("WWW-Authenticate", "Bearer"))]
/// struct NotAuthenticated;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "RATE_LIMIT_EXCEEDED", status = 429, message = "Too many requests")]
/// struct RateLimited;
///
/// /// The authenticated caller, an extractor.
/// struct Caller;
///
/// impl Refuses for Caller {
///     type Errors = OneOf<(NotAuthenticated, RateLimited)>;
/// }
/// ```
pub trait Refuses {
    /// The errors: an error type, or a set.
    type Errors: ApiError;

    /// What a layer in front of this part answers on its behalf, beyond [`Errors`](Self::Errors):
    /// for a body extractor behind a body limit, the core's `CONTENT_TOO_LARGE`
    /// (`Rejection::catalog_of(&[RejectionKind::ContentTooLarge])`). None unless said, as
    /// most parts have no layer of their own.
    #[must_use]
    fn by_layers() -> Catalog {
        Catalog::new()
    }
}

/// The errors one operation answers, for a document: its handler's `E` (a set, say), and those
/// of each part of the request it takes that [`Refuses`] it (`Takes`, a tuple of such types).
/// With utoipa, `#[utoipa::path(responses(Answers<GetOrder, (Caller, OrderId)>))]`: one response
/// a status, listing every code the operation answers.
pub struct Answers<E, Takes = ()>(core::marker::PhantomData<fn() -> (E, Takes)>);

impl<E, Takes> fmt::Debug for Answers<E, Takes> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Answers")
    }
}

/// The catalog of what each of a tuple of request parts refuses with, in order.
pub trait Refusals {
    /// Every error any of them refuses with.
    fn catalog() -> Catalog;
}

/// `Refusals` for a tuple of request parts.
macro_rules! refusals {
    ($($x:ident)*) => {
        impl<$($x: Refuses),*> Refusals for ($($x,)*) {
            fn catalog() -> Catalog {
                #[allow(unused_mut)]
                let mut catalog = Catalog::new();
                $(
                    catalog.append(<$x::Errors as ApiError>::catalog());
                    catalog.append($x::by_layers());
                )*
                catalog
            }
        }
    };
}

refusals!();
refusals!(X0);
refusals!(X0 X1);
refusals!(X0 X1 X2);
refusals!(X0 X1 X2 X3);
refusals!(X0 X1 X2 X3 X4);
refusals!(X0 X1 X2 X3 X4 X5);

impl<E: ApiError, Takes: Refusals> Answers<E, Takes> {
    /// Every error the operation answers: `E`'s, then those of the parts it takes.
    #[must_use]
    pub fn catalog() -> Catalog {
        let mut catalog = E::catalog();
        catalog.append(Takes::catalog());
        catalog
    }
}

/// `x`, when `X` is `T`.
fn cast<X: 'static, T: 'static>(x: X) -> Result<T, X> {
    let mut slot = Some(x);
    let taken = (&mut slot as &mut dyn Any)
        .downcast_mut::<Option<T>>()
        .and_then(Option::take);
    match taken {
        Some(taken) => Ok(taken),
        None => Err(slot.unwrap_or_else(|| unreachable!("a failed downcast leaves the slot full"))),
    }
}

/// The variant of `$set` that holds `$x` (a `Held`), tried member by member; the type system
/// proved it is one (`Contains` is sealed), and the tests compile away.
macro_rules! inject {
    ($x:ident; $set:ident; $last:ident) => {
        match cast::<_, Held<$last>>($x) {
            Ok(held) => $set::$last(held),
            Err(_) => unreachable!("`Contains` proved the error is a member"),
        }
    };
    ($x:ident; $set:ident; $first:ident $($rest:ident)+) => {
        match cast::<_, Held<$first>>($x) {
            Ok(held) => $set::$first(held),
            Err($x) => inject!($x; $set; $($rest)+),
        }
    };
}

/// Each method of [`ApiError`], of the error the set holds.
macro_rules! each {
    ($self:ident [$($t:ident)+] $error:ident => $call:expr) => {
        match $self {
            $(Self::$t(Held($error)) => $call,)+
        }
    };
}

/// One set type of each size: the enum, its `Set`, `From` of each member, `ApiError` and the
/// views that delegate to the member.
macro_rules! set {
    ($set:ident $members:ident [$($t:ident)+]) => {
        #[doc = concat!("One of ", stringify!($($t),+), ": what [`OneOf`] names for a set of this size. Each variant holds the member of the same position, as its error ([`Held::into_member`] gives it back).")]
        pub enum $set<$($t: Member),+> {
            $(
                #[doc = concat!("The member `", stringify!($t), "`.")]
                $t(Held<$t>),
            )+
        }

        impl<$($t: Member),+> fmt::Debug for $set<$($t),+> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $(Self::$t(held) => f.debug_tuple(stringify!($t)).field(held.error()).finish(),)+
                }
            }
        }

        impl<$($t: Member),+> Clone for $set<$($t),+>
        where
            $($t::Error: Clone,)+
        {
            fn clone(&self) -> Self {
                match self {
                    $(Self::$t(held) => Self::$t(held.clone()),)+
                }
            }
        }

        impl<$($t: Member),+> PartialEq for $set<$($t),+>
        where
            $($t::Error: PartialEq,)+
        {
            fn eq(&self, other: &Self) -> bool {
                #[allow(unreachable_patterns)]
                match (self, other) {
                    $((Self::$t(held), Self::$t(other)) => held == other,)+
                    _ => false,
                }
            }
        }

        impl<$($t: Member),+> Eq for $set<$($t),+> where $($t::Error: Eq,)+ {}

        #[doc(hidden)]
        pub trait $members<$($t),+>: $(sealed::Has<$t> +)+ {}

        impl<$($t: Member),+> Set for ($($t,)+) {
            type OneOf = $set<$($t),+>;
            type Members = dyn $members<$($t),+>;
        }

        impl<$($t: Member),+> $set<$($t),+> {
            /// The variant that holds `held`, a member.
            fn inject<X: Member>(held: Held<X>) -> Self {
                inject!(held; Self; $($t)+)
            }

            /// The member `M`, or, when the error is another, a set of the others: handle one
            /// member here and pass the rest on with `?`. `P` is `M`'s position, inferred: write
            /// `_`.
            ///
            /// # Errors
            ///
            /// The error, when it is not `M`, as one of the others.
            pub fn narrow<M, P>(self) -> Result<M, <Self as Narrow<M, P>>::Rest>
            where
                Self: Narrow<M, P>,
            {
                Narrow::narrow(self)
            }
        }

        impl<X: Member, $($t: Member),+> From<X> for $set<$($t),+>
        where
            ($($t,)+): Contains<X>,
        {
            fn from(error: X) -> Self {
                Self::inject(Held::new(error))
            }
        }

        impl<$($t: Member),+> fmt::Display for $set<$($t),+> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                each!(self [$($t)+] error => fmt::Display::fmt(error, f))
            }
        }

        impl<$($t: Member),+> core::error::Error for $set<$($t),+> {
            fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
                each!(self [$($t)+] error => error.source())
            }
        }

        // Not among the types a compiler error suggests where an `ApiError` is missing.
        #[diagnostic::do_not_recommend]
        impl<$($t: Member),+> ApiError for $set<$($t),+> {
            fn code(&self) -> &'static str {
                each!(self [$($t)+] error => error.code())
            }

            fn status(&self) -> StatusCode {
                each!(self [$($t)+] error => error.status())
            }

            fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                each!(self [$($t)+] error => error.write_message(f))
            }

            fn details(&self, details: &mut Details<'_>) {
                each!(self [$($t)+] error => error.details(details));
            }

            fn violations(&self) -> Option<&Violations> {
                each!(self [$($t)+] error => error.violations())
            }

            fn headers(&self, headers: &mut Headers<'_>) {
                each!(self [$($t)+] error => error.headers(headers));
            }

            fn message_arguments(&self, arguments: &mut Arguments<'_>) {
                each!(self [$($t)+] error => error.message_arguments(arguments));
            }

            fn message_argument_names(&self) -> Option<&'static [&'static str]> {
                each!(self [$($t)+] error => error.message_argument_names())
            }

            fn static_body(&self) -> Option<&'static [u8]> {
                each!(self [$($t)+] error => error.static_body())
            }

            fn fixed_format(&self) -> Option<Format> {
                each!(self [$($t)+] error => error.fixed_format())
            }

            fn plain_strings(&self) -> bool {
                each!(self [$($t)+] error => error.plain_strings())
            }

            fn declared(&self, key: &str) -> Option<&'static str> {
                each!(self [$($t)+] error => error.declared(key))
            }

            fn summary(&self) -> Option<&'static str> {
                each!(self [$($t)+] error => error.summary())
            }

            fn message(&self) -> String {
                each!(self [$($t)+] error => error.message())
            }

            /// Exactly the members' codes, in the members' order.
            fn catalog() -> Catalog {
                let mut catalog = Catalog::new();
                $(catalog.append(<$t as Member>::catalog());)+
                catalog
            }
        }

        impl<$($t: Member),+> Serialize for $set<$($t),+> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                Body::new(self).serialize(serializer)
            }
        }

        /// A body is the first member, in the set's order, whose error rebuilds it as that
        /// member.
        impl<$($t: Member),+> Decode for $set<$($t),+>
        where
            $($t::Error: Decode,)+
        {
            fn decode(input: &DecodeInput<'_>) -> Option<Self> {
                $(
                    if let Some(Ok(member)) = <$t::Error as Decode>::decode(input).map($t::from_error) {
                        return Some(Self::$t(Held::new(member)));
                    }
                )+
                None
            }
        }
    };
}

/// `From` a smaller set into a larger one that lists all its members.
macro_rules! widen {
    (($from:ident [$($v:ident)+] [$($s:ident)+]) => $to:ident [$($t:ident)+] $tuple:tt) => {
        impl<$($s: Member,)+ $($t: Member),+> From<$from<$($s),+>> for $to<$($t),+>
        where
            $($tuple: Contains<$s>,)+
        {
            fn from(set: $from<$($s),+>) -> Self {
                match set {
                    $($from::$v(held) => Self::inject(held),)+
                }
            }
        }
    };
}

/// `Narrow` for each member of a set: the rest is the set one smaller.
macro_rules! narrows {
    ($set:ident $rest:ident [$($before:ident)*] [] [$($position:ident)*]) => {};
    ($set:ident $rest:ident [$($before:ident)*] [$current:ident $($after:ident)*] [$position:ident $($positions:ident)*]) => {
        impl<$($before: Member,)* $current: Member, $($after: Member,)*> Narrow<$current, position::$position>
            for $set<$($before,)* $current, $($after,)*>
        {
            type Rest = $rest<$($before,)* $($after,)*>;

            fn narrow(self) -> Result<$current, Self::Rest> {
                match self {
                    Self::$current(held) => Ok(held.into_member()),
                    $(Self::$before(held) => Err(<Self::Rest>::inject(held)),)*
                    $(Self::$after(held) => Err(<Self::Rest>::inject(held)),)*
                }
            }
        }
        narrows!($set $rest [$($before)* $current] [$($after)*] [$($positions)*]);
    };
}

/// Every set: each written with [`set!`], with `From` each smaller one and `Narrow` into the
/// one smaller.
macro_rules! sets {
    ([$($done:tt)*]) => {};
    (
        [$($done:tt)*]
        ($set:ident $members:ident $smaller:ident $targets:tt $tuple:tt $sources:tt)
        $($rest:tt)*
    ) => {
        set!($set $members $targets);
        $(widen!($done => $set $targets $tuple);)*
        sets!(@narrows $set $smaller $targets);
        sets!([$($done)* ($set $targets $sources)] $($rest)*);
    };
    // The one member of a set of one: nothing is left, and nothing can be.
    (@narrows $set:ident none [$t:ident]) => {
        impl<$t: Member> Narrow<$t, position::P0> for $set<$t> {
            type Rest = core::convert::Infallible;

            fn narrow(self) -> Result<$t, Self::Rest> {
                match self {
                    Self::$t(held) => Ok(held.into_member()),
                }
            }
        }
    };
    (@narrows $set:ident $smaller:ident [$($t:ident)+]) => {
        narrows!($set $smaller [] [$($t)+] [P0 P1 P2 P3 P4 P5 P6 P7 P8 P9 P10 P11]);
    };
}

sets!(
    []
    (OneOf1 Members1 none [A] (A,) [S0])
    (OneOf2 Members2 OneOf1 [A B] (A, B) [S0 S1])
    (OneOf3 Members3 OneOf2 [A B C] (A, B, C) [S0 S1 S2])
    (OneOf4 Members4 OneOf3 [A B C D] (A, B, C, D) [S0 S1 S2 S3])
    (OneOf5 Members5 OneOf4 [A B C D E] (A, B, C, D, E) [S0 S1 S2 S3 S4])
    (OneOf6 Members6 OneOf5 [A B C D E F] (A, B, C, D, E, F) [S0 S1 S2 S3 S4 S5])
    (OneOf7 Members7 OneOf6 [A B C D E F G] (A, B, C, D, E, F, G) [S0 S1 S2 S3 S4 S5 S6])
    (OneOf8 Members8 OneOf7 [A B C D E F G H] (A, B, C, D, E, F, G, H) [S0 S1 S2 S3 S4 S5 S6 S7])
    (OneOf9 Members9 OneOf8 [A B C D E F G H I] (A, B, C, D, E, F, G, H, I) [S0 S1 S2 S3 S4 S5 S6 S7 S8])
    (OneOf10 Members10 OneOf9 [A B C D E F G H I J] (A, B, C, D, E, F, G, H, I, J) [S0 S1 S2 S3 S4 S5 S6 S7 S8 S9])
    (OneOf11 Members11 OneOf10 [A B C D E F G H I J K] (A, B, C, D, E, F, G, H, I, J, K) [S0 S1 S2 S3 S4 S5 S6 S7 S8 S9 S10])
    (OneOf12 Members12 OneOf11 [A B C D E F G H I J K L] (A, B, C, D, E, F, G, H, I, J, K, L) [S0 S1 S2 S3 S4 S5 S6 S7 S8 S9 S10 S11])
);

/// Implements `From` every error set whose members each convert into `$target` (a service's
/// catch-all error type, say), so that `?` turns a set into it: the set's member, converted.
///
/// ```
/// use api_error_core::ApiError;
/// use api_error_core::set::OneOf;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
/// pub struct PlanNotFound;
///
/// #[derive(Debug, ApiError)]
/// pub enum AppError {
///     #[api_error(transparent)]
///     Plan(#[from] PlanNotFound),
/// }
///
/// api_error_core::from_sets!(AppError);
///
/// fn plan() -> Result<(), OneOf<(PlanNotFound,)>> {
///     Err(PlanNotFound)?
/// }
///
/// fn any() -> Result<(), AppError> {
///     Ok(plan()?)
/// }
///
/// assert_eq!(any().unwrap_err().code(), "PLAN_NOT_FOUND");
/// ```
#[macro_export]
macro_rules! from_sets {
    ($target:ty) => {
        $crate::__from_sets!($target; OneOf1 [A]);
        $crate::__from_sets!($target; OneOf2 [A B]);
        $crate::__from_sets!($target; OneOf3 [A B C]);
        $crate::__from_sets!($target; OneOf4 [A B C D]);
        $crate::__from_sets!($target; OneOf5 [A B C D E]);
        $crate::__from_sets!($target; OneOf6 [A B C D E F]);
        $crate::__from_sets!($target; OneOf7 [A B C D E F G]);
        $crate::__from_sets!($target; OneOf8 [A B C D E F G H]);
        $crate::__from_sets!($target; OneOf9 [A B C D E F G H I]);
        $crate::__from_sets!($target; OneOf10 [A B C D E F G H I J]);
        $crate::__from_sets!($target; OneOf11 [A B C D E F G H I J K]);
        $crate::__from_sets!($target; OneOf12 [A B C D E F G H I J K L]);
    };
}

/// One `From` of [`from_sets!`].
#[doc(hidden)]
#[macro_export]
macro_rules! __from_sets {
    ($target:ty; $set:ident [$($t:ident)+]) => {
        impl<$($t: $crate::set::Member),+> ::core::convert::From<$crate::set::$set<$($t),+>> for $target
        where
            $(<$t as $crate::set::Member>::Error: ::core::convert::Into<$target>,)+
        {
            fn from(set: $crate::set::$set<$($t),+>) -> Self {
                match set {
                    $($crate::set::$set::$t(held) => held.into_error().into(),)+
                }
            }
        }
    };
}

/// Calls `$callback!($args.. OneOfN [A B ..])` for each set type, so that an integration implements its
/// trait for every set in one place. Unused in a build without an integration.
#[allow(unused_macros)]
macro_rules! for_each_set {
    ($callback:ident $($args:tt)*) => {
        $callback!($($args)* OneOf1 [A]);
        $callback!($($args)* OneOf2 [A B]);
        $callback!($($args)* OneOf3 [A B C]);
        $callback!($($args)* OneOf4 [A B C D]);
        $callback!($($args)* OneOf5 [A B C D E]);
        $callback!($($args)* OneOf6 [A B C D E F]);
        $callback!($($args)* OneOf7 [A B C D E F G]);
        $callback!($($args)* OneOf8 [A B C D E F G H]);
        $callback!($($args)* OneOf9 [A B C D E F G H I]);
        $callback!($($args)* OneOf10 [A B C D E F G H I J]);
        $callback!($($args)* OneOf11 [A B C D E F G H I J K]);
        $callback!($($args)* OneOf12 [A B C D E F G H I J K L]);
    };
}
#[allow(unused_imports)]
pub(crate) use for_each_set;
