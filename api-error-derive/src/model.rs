//! The validated description of an error type: what `expand.rs` reads, and all it reads.

use proc_macro2::Span;
use syn::{Generics, Ident, LitStr, Member, Path, Type};

/// The whole type.
pub(crate) struct Model<'a> {
    /// Where the runtime is: `::api_error_core`, or the `crate = "..."` override.
    pub(crate) krate: Path,
    pub(crate) ident: &'a Ident,
    pub(crate) generics: &'a Generics,
    /// Another derive (thiserror) writes `Display`, `Error` and `From`.
    pub(crate) thiserror: bool,
    /// The first paragraph of the type's doc comment.
    pub(crate) description: Option<String>,
    /// `format = "..."`: the name of the body format of every error of the type, which the
    /// runtime checks.
    pub(crate) format: Option<&'a LitStr>,
    /// The enum's default `status`, when it is a path: checked once, whether used or not.
    pub(crate) default_status: Option<&'a Path>,
    pub(crate) shape: Shape,
    pub(crate) cases: Vec<Case<'a>>,
}

/// A trait a field type must implement for the generated code to compile.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bound {
    /// A detail.
    Serialize,
    /// A field the message shows with this formatting trait (`Display`, `Debug`, ...), or a
    /// header value (`Display`).
    Format(&'static str),
    /// The wrapped error of a transparent case.
    ApiError,
    /// The source of a case.
    Source,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Enum,
    Struct,
}

/// One error: a variant, or the struct itself.
pub(crate) struct Case<'a> {
    /// The variant's name; `None` for a struct.
    pub(crate) variant: Option<&'a Ident>,
    pub(crate) style: Style,
    pub(crate) fields: Vec<Field<'a>>,
    pub(crate) kind: Kind<'a>,
    /// The field `source()` returns.
    pub(crate) source: Option<Source>,
    /// The field a `From` impl builds the case from.
    pub(crate) from: Option<usize>,
    pub(crate) description: Option<String>,
}

/// The field `source()` returns.
#[derive(Clone, Copy)]
pub(crate) struct Source {
    pub(crate) index: usize,
    /// An `Option<E>`: the source is there only when the option is `Some`.
    pub(crate) optional: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Unit,
    Tuple,
    Named,
}

pub(crate) enum Kind<'a> {
    /// Everything comes from the one field, itself an `ApiError`.
    Transparent,
    Own(Own<'a>),
}

/// An error described by its own attributes.
pub(crate) struct Own<'a> {
    pub(crate) code: String,
    /// Where the code was declared, or the name it was derived from.
    pub(crate) code_span: Span,
    pub(crate) status: Status<'a>,
    pub(crate) message: Option<Message>,
    /// With thiserror and no `message`: the `#[error("...")]` text, the message of a 4xx.
    pub(crate) display_template: Option<String>,
    pub(crate) headers: Vec<(String, String)>,
}

pub(crate) enum Status<'a> {
    Code(u16),
    Path(&'a Path),
}

pub(crate) struct Message {
    /// As declared, for the catalog.
    pub(crate) template: String,
    /// With fields renamed to bindings; `None` when the message has no placeholder.
    pub(crate) format: Option<String>,
    pub(crate) span: Span,
    /// The fields the message shows, each with the formatting trait it is shown with.
    pub(crate) uses: Vec<(usize, &'static str)>,
}

pub(crate) struct Field<'a> {
    pub(crate) member: Member,
    pub(crate) ty: &'a Type,
    /// The member of `details` this field becomes.
    pub(crate) detail: Option<String>,
    /// The header this field's value becomes.
    pub(crate) header: Option<String>,
}

/// How messages name a case: the word `variant` or `struct`, then its name in backticks.
pub(crate) fn describe(variant: Option<&Ident>, ty: &Ident) -> String {
    match variant {
        Some(variant) => format!("variant `{}`", unraw(variant)),
        None => format!("struct `{}`", unraw(ty)),
    }
}

/// An identifier as the user reads it: `r#type` is `type`.
pub(crate) fn unraw(ident: &Ident) -> String {
    syn::ext::IdentExt::unraw(ident).to_string()
}
