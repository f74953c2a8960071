//! The lowered description of a valid error type: what `expand/` reads, and all it reads. It is
//! built only for input without mistakes, so nothing in it stands in for a missing value.

use proc_macro2::Span;
use syn::{Generics, Ident, Member, Path, Type};

/// What every generated impl names: the runtime, the type and who writes `Display`. The
/// fallback knows it too, from the input alone.
pub(crate) struct Target<'a> {
    /// Where the runtime is: `::api_error_core`, or the `crate = "..."` override.
    pub(crate) krate: Path,
    pub(crate) ident: &'a Ident,
    pub(crate) generics: &'a Generics,
    /// Another derive (thiserror) writes `Display`, `Error` and `From`.
    pub(crate) thiserror: bool,
    /// `own_display`: the user writes `Display`; the derive writes `Error` and `From`.
    pub(crate) own_display: bool,
    /// `without(..)`: the integrations the type implements itself.
    pub(crate) without: &'a [Ident],
}

/// The whole type.
pub(crate) struct Model<'a> {
    pub(crate) target: Target<'a>,
    /// The first paragraph of the type's doc comment.
    pub(crate) summary: Option<String>,
    /// `format = "..."`: the name of the body format of every error of the type, which the
    /// runtime checks.
    pub(crate) format: Option<&'a crate::attr::FormatAttr>,
    /// `decode`: whether the type is rebuilt from received bodies.
    pub(crate) decode: bool,
    /// The enum's default `status`, when it is a path: checked once, whether used or not.
    pub(crate) default_status: Option<&'a Path>,
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
    /// The first paragraph of the case's doc comment.
    pub(crate) summary: Option<String>,
}

impl Case<'_> {
    /// Whether the case's message shows the `index`th field, and how: those its template
    /// names, each with its first formatting trait; any field, for a message thiserror's
    /// `Display` writes.
    pub(crate) fn shown(&self, index: usize) -> Option<Shown> {
        match &self.kind {
            Kind::Own(own) => match &own.message {
                MessageSource::Template(message) => message
                    .uses
                    .iter()
                    .find(|(i, _)| *i == index)
                    .map(|&(_, name)| Shown::With(name)),
                MessageSource::Display(_) | MessageSource::DisplayUnlessServerError(_) => {
                    Some(Shown::ByAnotherDerive)
                }
                MessageSource::Fixed(_) | MessageSource::Reason => None,
            },
            Kind::Transparent => None,
        }
    }

    /// Whether the `index`th field is the case's source (`#[source]` or `#[from]`).
    pub(crate) fn is_source(&self, index: usize) -> bool {
        self.from == Some(index) || self.source.is_some_and(|source| source.index == index)
    }

    /// The field that holds the case's field violations.
    pub(crate) fn violations(&self) -> Option<&Field<'_>> {
        self.fields.iter().find(|field| field.violations)
    }

    /// The names of the members the case adds to `details`, in order.
    pub(crate) fn detail_names(&self) -> impl Iterator<Item = &String> {
        self.fields.iter().filter_map(|field| field.detail.as_ref())
    }
}

/// How a message shows a field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shown {
    /// With this formatting trait (`Display`, `Debug`, `LowerHex`, ...).
    With(&'static str),
    /// As thiserror's `Display` shows it, which the derive does not read.
    ByAnotherDerive,
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
    /// Boxed: it is most of a case, and a transparent case holds nothing.
    Own(Box<Own<'a>>),
}

/// An error described by its own attributes.
pub(crate) struct Own<'a> {
    pub(crate) code: String,
    pub(crate) status: Status<'a>,
    pub(crate) message: MessageSource,
    /// The fixed headers, `header("name", "value")`, in order.
    pub(crate) headers: Vec<(String, String)>,
    /// `grpc = "..."`: the gRPC code in place of the one the status maps to.
    pub(crate) grpc: Option<String>,
    /// `transparent` with a code of its own: the one field is any error, which `Display` and
    /// `source()` forward to, as thiserror's `#[error(transparent)]` does; the client sees this
    /// case's code, status and message only.
    pub(crate) forwards: bool,
}

impl Kind<'_> {
    /// Whether `Display` and `source()` are the one field's, as thiserror's
    /// `#[error(transparent)]` has them.
    pub(crate) fn forwards(&self) -> bool {
        match self {
            Kind::Transparent => true,
            Kind::Own(own) => own.forwards,
        }
    }
}

impl Own<'_> {
    /// The names of the headers the error's response carries, in the order `headers()`
    /// appends them: the fixed ones, then those of the fields.
    pub(crate) fn header_names<'c>(
        &'c self,
        fields: &'c [Field<'_>],
    ) -> impl Iterator<Item = &'c String> {
        let fixed = self.headers.iter().map(|(name, _)| name);
        fixed.chain(fields.iter().filter_map(|field| field.header.as_ref()))
    }
}

pub(crate) enum Status<'a> {
    /// A number: the case's own, or the enum's default.
    Code(u16),
    /// The case's own path.
    Path(&'a Path),
    /// The enum's default path, read from the one constant that checks it.
    Inherited(&'a Path),
    /// `status(500, 404) = ..`: chosen at run time among `set`, whose first is what any
    /// other value becomes.
    Chosen(Chosen),
}

impl Status<'_> {
    /// Whether every status the case can answer is a 5xx (`Some(true)`), none is
    /// (`Some(false)`), or only the running code knows (`None`).
    pub(crate) fn is_server_error(&self) -> Option<bool> {
        match self {
            Status::Code(code) => Some(*code >= 500),
            Status::Path(_) | Status::Inherited(_) => None,
            Status::Chosen(chosen) => {
                let servers = chosen.set.iter().filter(|&&code| code >= 500).count();
                if servers == chosen.set.len() {
                    Some(true)
                } else if servers == 0 {
                    Some(false)
                } else {
                    None
                }
            }
        }
    }

    /// The fields the status is read from.
    pub(crate) fn fields(&self) -> &[usize] {
        match self {
            Status::Chosen(chosen) => &chosen.fields,
            _ => &[],
        }
    }
}

/// A status chosen at run time.
pub(crate) struct Chosen {
    /// The statuses listed, in order.
    pub(crate) set: Vec<u16>,
    /// The expression, its fields bound.
    pub(crate) value: proc_macro2::TokenStream,
    /// The fields it names.
    pub(crate) fields: Vec<usize>,
    /// Where the expression starts, for an error about its type.
    pub(crate) span: proc_macro2::Span,
}

/// Where the public message of a case comes from, decided once.
pub(crate) enum MessageSource {
    /// `message = "..."` without placeholders, as declared: the same text for every value.
    Fixed(String),
    /// `message = "..."` with placeholders.
    Template(Message),
    /// With thiserror and no `message`, a status known to be 4xx: thiserror's `Display`,
    /// whose `#[error("...")]` text is given when it is a plain format string.
    Display(Option<String>),
    /// With thiserror and no `message`, a status given as a path: `Display` if the status
    /// turns out 4xx, the reason phrase if 5xx, which only the running code knows.
    DisplayUnlessServerError(Option<String>),
    /// The status's reason phrase.
    Reason,
}

/// A declared message that shows fields.
pub(crate) struct Message {
    /// As declared, for the catalog.
    pub(crate) template: String,
    /// With fields renamed to bindings.
    pub(crate) format: String,
    pub(crate) span: Span,
    /// The fields the message shows, each with the formatting trait it is shown with.
    pub(crate) uses: Vec<(usize, &'static str)>,
    /// The arguments of `message("...", ..)`, positional ones first, each with the fields it
    /// names (`.0`, `.items`) rewritten to their bindings.
    pub(crate) arguments: Vec<proc_macro2::TokenStream>,
    /// The fields the arguments name.
    pub(crate) argument_fields: Vec<usize>,
}

pub(crate) struct Field<'a> {
    pub(crate) member: Member,
    pub(crate) ty: &'a Type,
    /// The member of `details` this field becomes.
    pub(crate) detail: Option<String>,
    /// The header this field's value becomes.
    pub(crate) header: Option<String>,
    /// Whether the field holds the error's field violations.
    pub(crate) violations: bool,
}

impl Field<'_> {
    /// The name the generated code binds this field to, `__field_id` for `id`: mixed-site, so
    /// that nothing of the user's can name it, and reported at the field's type.
    pub(crate) fn binding(&self) -> Ident {
        let name = match &self.member {
            Member::Named(ident) => unraw(ident),
            Member::Unnamed(index) => index.index.to_string(),
        };
        let span = Span::mixed_site().located_at(syn::spanned::Spanned::span(self.ty));
        Ident::new(&format!("{}{name}", crate::message::BINDING_PREFIX), span)
    }
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
