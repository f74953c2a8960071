//! The way back for clients: a received error body, in any format a server sends, rebuilt as
//! the variant of a type declared with `#[api_error(decode)]`, or kept whole when it cannot be.

use core::marker::PhantomData;

use bytes::Bytes;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::client::ErrorBody;
use crate::format::Format;
use crate::members::MemberNames;
use crate::violation::{Violation, Violations};

/// A type that can be rebuilt from the error bodies a server sends: `#[api_error(decode)]` on
/// a derived type implements it.
///
/// A variant is rebuilt when every field is a detail (read by its name, from `details`, from
/// the extension member problem details named it, or from JSON:API's `meta`) or has a
/// `Default`, and a `transparent` variant when the type it wraps is rebuilt; the details'
/// types must be `Deserialize`. Any other body comes back as [`Decoded::Unknown`].
///
/// ```
/// use api_error_core::{ApiError, Decode, Decoded};
///
/// #[derive(Debug, PartialEq, ApiError)]
/// #[api_error(decode)]
/// enum OrderError {
///     #[api_error(code = "ORDER_NOT_PENDING", status = 400, message = "Order {id} is not pending")]
///     NotPending {
///         #[api_error(detail)]
///         id: u64,
///     },
/// }
///
/// let body = br#"{"code":"ORDER_NOT_PENDING","message":"Order 42 is not pending","details":{"id":42}}"#;
/// assert_eq!(OrderError::from_body(body), Decoded::Known(OrderError::NotPending { id: 42 }));
///
/// let Decoded::Unknown(unknown) = OrderError::from_body(br#"{"code":"NEW_CODE","message":"New"}"#) else {
///     panic!("a code the type does not know is unknown");
/// };
/// assert_eq!(unknown.body.unwrap().code, "NEW_CODE");
/// ```
pub trait Decode: Sized {
    /// Implementation detail of `#[derive(ApiError)]`, not public API: the variant `input` is,
    /// if this type has it and can rebuild it.
    #[doc(hidden)]
    fn decode(input: &DecodeInput<'_>) -> Option<Self>;

    /// The error a server sent in `body`, in any format it sends (the default body, nested or
    /// not, problem details, a JSON:API document): the variant of this type, or, for a code
    /// the type does not know, a variant it cannot rebuild or a body that is not an error's,
    /// what was received. Never an error, never a panic.
    #[must_use]
    fn from_body(body: &[u8]) -> Decoded<Self> {
        let received = Bytes::copy_from_slice(body);
        let Ok(value) = serde_json::from_slice::<Value>(body) else {
            return Decoded::Unknown(UnknownError {
                body: None,
                received,
            });
        };
        let known = DecodeInput::of(&value).and_then(|mut input| {
            input.violations = Carried::Body(body);
            Self::decode(&input)
        });
        match known {
            Some(error) => Decoded::Known(error),
            None => Decoded::Unknown(UnknownError {
                body: error_body(value),
                received,
            }),
        }
    }

    /// The error a server sent in `body` in `format`: what [`from_body`](Self::from_body)
    /// reads for a built-in format; for a format of one's own, what its reader
    /// ([`OwnFormat::with_reader`](crate::OwnFormat::with_reader)) reads of the body, its code
    /// and details then rebuilt as the variant of this type. A body the reader does not read,
    /// or a format without a reader, is [`Decoded::Unknown`] with no error body.
    #[must_use]
    fn from_body_in(format: Format, body: &[u8]) -> Decoded<Self> {
        let Format::Own(own) = format else {
            return Self::from_body(body);
        };
        let received = Bytes::copy_from_slice(body);
        let read = serde_json::from_slice::<Value>(body)
            .ok()
            .and_then(|value| own.read(&value));
        let Some(read) = read else {
            return Decoded::Unknown(UnknownError {
                body: None,
                received,
            });
        };
        let input = DecodeInput {
            code: &read.code,
            details: Source::Named(read.details.as_ref()),
            violations: Carried::Read(&read.violations, read.violations_omitted),
        };
        match Self::decode(&input) {
            Some(error) => Decoded::Known(error),
            None => Decoded::Unknown(UnknownError {
                body: Some(read),
                received,
            }),
        }
    }
}

/// `value` read as an error body, nested in one member or not.
fn error_body(value: Value) -> Option<ErrorBody> {
    let inner = value.as_object().and_then(nested).cloned();
    serde_json::from_value(value)
        .ok()
        .or_else(|| serde_json::from_value(Value::Object(inner?)).ok())
}

/// The object a default body nested in one member (`{"error":{...}}`) holds, if `object` is
/// one: a body of its own has at least a code and a message.
fn nested(object: &Map<String, Value>) -> Option<&Map<String, Value>> {
    match object.values().next() {
        Some(Value::Object(inner)) if object.len() == 1 => Some(inner),
        _ => None,
    }
}

/// What [`Decode::from_body`] made of a body.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded<E> {
    /// The variant the server answered with.
    Known(E),
    /// Anything else, kept whole.
    Unknown(UnknownError),
}

/// A body a type could not rebuild: an error's code, message, details and request id when
/// it is an error body at all, and always the bytes received.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownError {
    /// The body read as an error, when it is one.
    pub body: Option<ErrorBody>,
    /// The bytes received.
    pub received: Bytes,
}

/// Implementation detail of `#[derive(ApiError)]`, not public API: a received error body, read
/// once for every variant that tries it.
#[doc(hidden)]
pub struct DecodeInput<'a> {
    code: &'a str,
    details: Source<'a>,
    /// Where the field violations the body lists are, read only for a type that holds them.
    violations: Carried<'a>,
}

/// Where a received body's field violations are.
#[derive(Clone, Copy)]
enum Carried<'a> {
    /// In the body's bytes, where their parameters are in the order sent.
    Body(&'a [u8]),
    /// Read already, with how many were left out.
    Read(&'a [Violation], usize),
    None,
}

/// Where the details of a body are.
enum Source<'a> {
    /// Under `details` (or JSON:API's `meta`), by their declared names.
    Named(Option<&'a Map<String, Value>>),
    /// Beside the members of problem details, under the names problem details give them.
    Members(&'a Map<String, Value>),
}

impl<'a> DecodeInput<'a> {
    /// The error of `value`, if it is an error body in a format this crate writes.
    fn of(value: &'a Value) -> Option<Self> {
        let object = value.as_object()?;
        if let Some(errors) = object.get("errors").and_then(Value::as_array)
            && object.get("code").is_none()
        {
            let error = errors.first()?.as_object()?;
            // An error with field violations keeps its details in the document's `meta`.
            let document = object
                .get("meta")
                .and_then(|meta| meta.get("details"))
                .and_then(Value::as_object);
            return Some(DecodeInput {
                code: error.get("code")?.as_str()?,
                details: Source::Named(
                    document.or_else(|| error.get("meta").and_then(Value::as_object)),
                ),
                violations: Carried::None,
            });
        }
        let object = nested(object).unwrap_or(object);
        let code = object.get("code")?.as_str()?;
        let problem = ["type", "title", "status"]
            .iter()
            .all(|member| object.contains_key(*member));
        Some(DecodeInput {
            code,
            details: if problem {
                Source::Members(object)
            } else {
                Source::Named(object.get("details").and_then(Value::as_object))
            },
            violations: Carried::None,
        })
    }

    /// The code.
    #[must_use]
    pub fn code(&self) -> &str {
        self.code
    }

    /// The details of a variant whose details are `names`, in order.
    #[must_use]
    pub fn details(&self, names: &'static [&'static str]) -> DecodeDetails<'_> {
        DecodeDetails { input: self, names }
    }
}

/// Implementation detail of `#[derive(ApiError)]`, not public API: the details of one variant.
#[doc(hidden)]
pub struct DecodeDetails<'a> {
    input: &'a DecodeInput<'a>,
    names: &'static [&'static str],
}

impl DecodeDetails<'_> {
    /// The field violations the body lists (none when it lists none).
    #[must_use]
    pub fn violations(&self) -> Violations {
        match self.input.violations {
            Carried::Body(body) => serde_json::from_slice::<ErrorBody>(body)
                .map(ErrorBody::into_violations)
                .unwrap_or_default(),
            Carried::Read(listed, omitted) => {
                let mut violations = Violations::with_limit(listed.len());
                violations.extend(listed.iter().cloned());
                violations.add_omitted(omitted);
                violations
            }
            Carried::None => Violations::new(),
        }
    }

    /// The detail `name`, deserialized; a missing one reads as `null`.
    pub fn get<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        let value = match &self.input.details {
            Source::Named(details) => details.and_then(|details| details.get(name)),
            Source::Members(members) => {
                let mut names = MemberNames::new();
                let mut found = None;
                for &declared in self.names {
                    let member = names.next(declared);
                    if declared == name {
                        found = members.get(member.text().as_ref());
                        break;
                    }
                }
                found
            }
        };
        T::deserialize(value.unwrap_or(&Value::Null)).ok()
    }
}

/// Implementation detail of `#[derive(ApiError)]`, not public API: asks whether a field's type
/// has a `Default` (through [`ViaDefault`], else [`NoDefault`]) or a wrapped type is rebuilt
/// (through [`ViaDecode`], else [`NoDecode`]), as method resolution answers for a known type.
#[doc(hidden)]
pub struct Probe<T>(PhantomData<T>);

impl<T> Probe<T> {
    /// The probe of `T`.
    #[must_use]
    pub const fn new() -> Self {
        Probe(PhantomData)
    }
}

impl<T> Default for Probe<T> {
    fn default() -> Self {
        Probe::new()
    }
}

/// See [`Probe`].
#[doc(hidden)]
pub trait ViaDefault<T> {
    /// `T::default()`.
    fn default_value(&self) -> Option<T>;
}

impl<T: Default> ViaDefault<T> for Probe<T> {
    fn default_value(&self) -> Option<T> {
        Some(T::default())
    }
}

/// See [`Probe`]: a field of field violations is rebuilt from the body's, found by method
/// resolution before [`NotViolations`] for that type alone.
#[doc(hidden)]
pub trait ViaViolations<T> {
    /// The body's violations.
    fn violations_from(&self, details: &DecodeDetails<'_>) -> Option<T>;
}

impl ViaViolations<Violations> for Probe<Violations> {
    fn violations_from(&self, details: &DecodeDetails<'_>) -> Option<Violations> {
        Some(details.violations())
    }
}

impl ViaViolations<Option<Violations>> for Probe<Option<Violations>> {
    fn violations_from(&self, details: &DecodeDetails<'_>) -> Option<Option<Violations>> {
        let violations = details.violations();
        Some((!violations.is_empty()).then_some(violations))
    }
}

/// See [`Probe`].
#[doc(hidden)]
pub trait NotViolations<T> {
    /// `None`: `T` holds no field violations.
    fn violations_from(&self, details: &DecodeDetails<'_>) -> Option<T>;
}

impl<T> NotViolations<T> for &Probe<T> {
    fn violations_from(&self, _: &DecodeDetails<'_>) -> Option<T> {
        None
    }
}

/// See [`Probe`].
#[doc(hidden)]
pub trait NoDefault<T> {
    /// `None`: `T` has no `Default`.
    fn default_value(&self) -> Option<T>;
}

impl<T> NoDefault<T> for &Probe<T> {
    fn default_value(&self) -> Option<T> {
        None
    }
}

/// See [`Probe`].
#[doc(hidden)]
pub trait ViaDecode<T> {
    /// `T::decode(input)`.
    fn decode_from(&self, input: &DecodeInput<'_>) -> Option<T>;
}

impl<T: Decode> ViaDecode<T> for Probe<T> {
    fn decode_from(&self, input: &DecodeInput<'_>) -> Option<T> {
        T::decode(input)
    }
}

/// See [`Probe`].
#[doc(hidden)]
pub trait NoDecode<T> {
    /// `None`: `T` is not rebuilt from bodies.
    fn decode_from(&self, input: &DecodeInput<'_>) -> Option<T>;
}

impl<T> NoDecode<T> for &Probe<T> {
    fn decode_from(&self, _: &DecodeInput<'_>) -> Option<T> {
        None
    }
}
