//! The trait every API error implements. It knows no wire format: what a client sees is
//! written by the renderers, from what these methods say.

use core::fmt;

use http::StatusCode;

use crate::arguments::Arguments;
use crate::catalog::Catalog;
use crate::details::Details;
use crate::format::Format;
use crate::headers::Headers;
use crate::status::reason_phrase;
use crate::violation::Violations;

/// An error that knows how to present itself to an HTTP client.
///
/// `#[derive(ApiError)]` writes this for you; implement it by hand only for a type the derive
/// cannot describe. The trait is dyn-compatible: `Box<dyn ApiError + Send + Sync>` is what a
/// function that fails with errors of several types returns (`?` converts into it) and an axum
/// response of its own; [`AnyApiError`](crate::AnyApiError) is the same box as an error type of
/// its own, for a `transparent` field or a `#[source]`.
///
/// Everything a client sees comes from these methods: the [`code`](Self::code), the
/// [`status`](Self::status), the message written by [`write_message`](Self::write_message), the
/// fields passed to [`Details::add`](crate::Details::add) and the headers passed to [`Headers::append`](crate::Headers::append). `Display`,
/// `Debug` and `source()` are for logs and never reach a client.
///
/// ```
/// use api_error_core::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan {plan} not found")]
/// struct PlanNotFound {
///     #[api_error(detail)]
///     plan: String,
/// }
///
/// let error = PlanNotFound { plan: "gold".into() };
/// assert_eq!(error.code(), "PLAN_NOT_FOUND");
/// assert_eq!(error.status().as_u16(), 404);
/// assert_eq!(error.message(), "Plan gold not found");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an API error",
    label = "`{Self}` does not implement `ApiError`",
    note = "if `{Self}` is your type, add `#[derive(ApiError)]` to it and describe each error with `#[api_error(code = \"...\", status = ...)]`",
    note = "an error of another crate (`std::io::Error`, `anyhow::Error`) is a source, not an `ApiError`: give the variant that holds it its own `code` and `status` and mark the field `#[source]` or `#[from]`"
)]
pub trait ApiError: core::error::Error {
    /// The stable, machine-readable code, such as `"ORDER_NOT_FOUND"`.
    fn code(&self) -> &'static str;

    /// The HTTP status of the response: a 4xx or a 5xx.
    fn status(&self) -> StatusCode;

    /// Writes the message meant for the client.
    ///
    /// It says only what the declaration allows: a server error without a declared message
    /// writes its status's reason phrase, never the text of its source.
    ///
    /// # Errors
    ///
    /// Returns an error only when the formatter does.
    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;

    /// Passes each field that the client may see to `details`.
    ///
    /// The default passes none, and a body without details has no `details` member.
    fn details(&self, details: &mut Details<'_>) {
        let _ = details;
    }

    /// The field violations the error carries, each with where in the request it is and why:
    /// `#[api_error(violations)]` on a field of type [`Violations`] writes this. Every format
    /// writes them in its own convention (see [`violation`](crate::violation)).
    ///
    /// The default carries none.
    fn violations(&self) -> Option<&Violations> {
        None
    }

    /// Passes each header that the response carries to `headers`.
    ///
    /// The default passes none. `Content-Type` and `Content-Length` belong to the body and are
    /// never taken from here.
    fn headers(&self, headers: &mut Headers<'_>) {
        let _ = headers;
    }

    /// Passes each field the message shows to `arguments`, by the name a translation of the
    /// message refers to it by: `#[derive(ApiError)]` passes those its declared message shows
    /// (a source never), named fields by name, tuple fields as `arg` and their index, numbers
    /// as numbers. Only a translation reads them (feature `fluent`), and never for a 5xx; the
    /// derive writes this method only with that feature, so that a build without it does not
    /// compile what it never calls.
    ///
    /// The default passes none.
    fn message_arguments(&self, arguments: &mut Arguments<'_>) {
        let _ = arguments;
    }

    /// Implementation detail of `#[derive(ApiError)]`, not public API: the names
    /// [`message_arguments`](Self::message_arguments) passes, in its order, when the derive
    /// knows them, so that a translation is checked against them without a pass over the
    /// values. `None`, the default, is always right.
    #[doc(hidden)]
    fn message_argument_names(&self) -> Option<&'static [&'static str]> {
        None
    }

    /// Not part of the public API: the whole default JSON body when it is the same for every
    /// value, built at compile time by `#[derive(ApiError)]` for an error with no detail whose
    /// message is fixed, so that its response costs no more than static bytes. Debug builds
    /// check it against the body the renderer writes.
    #[doc(hidden)]
    fn static_body(&self) -> Option<&'static [u8]> {
        None
    }

    /// The format this error is always rendered in, whatever the service's [`Config`](crate::Config) says:
    /// `#[api_error(format = "problem")]` on a type. The default, `None`, follows the
    /// configuration.
    fn fixed_format(&self) -> Option<Format> {
        None
    }

    /// Implementation detail of `#[derive(ApiError)]`, not public API: whether this error's
    /// code and summary stand in a JSON string as they are, so that a body copies them rather
    /// than escaping them. The derive answers from the literals it was given; `false`, the
    /// default, is always right.
    #[doc(hidden)]
    fn plain_strings(&self) -> bool {
        false
    }

    /// Implementation detail of `#[derive(ApiError)]`, not public API: what the error's
    /// declaration says under `key` for an integration to read, beyond what it is to a client
    /// (`#[api_error(grpc = "FAILED_PRECONDITION")]` is the key `"grpc"`'s), or the wrapped
    /// error's. The trait names no integration; the default says nothing.
    #[doc(hidden)]
    fn declared(&self, key: &str) -> Option<&'static str> {
        let _ = key;
        None
    }

    /// What this error is, in a few words that do not change from one occurrence to the next:
    /// `#[derive(ApiError)]` takes the first paragraph of the variant's (or struct's) doc
    /// comment. A problem details body with a type base uses it as its `title`.
    fn summary(&self) -> Option<&'static str> {
        None
    }

    /// Every error this type can be: its own codes and those of the errors it wraps with
    /// `transparent`.
    fn catalog() -> Catalog
    where
        Self: Sized;

    /// The message meant for the client, as a `String`; the status's reason phrase if writing
    /// the message fails.
    fn message(&self) -> String {
        /// The message, displayed.
        struct Message<'a, E: ?Sized>(&'a E);
        impl<E: ApiError + ?Sized> fmt::Display for Message<'_, E> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write_message(f)
            }
        }
        let mut text = String::new();
        match fmt::write(&mut text, format_args!("{}", Message(self))) {
            Ok(()) => text,
            Err(_) => reason_phrase(self.status()).to_owned(),
        }
    }
}
