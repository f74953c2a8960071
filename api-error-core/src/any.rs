//! Boxed errors: `Box<dyn ApiError>` as `?` makes it, and [`AnyApiError`], a boxed error that is
//! itself an [`ApiError`].

use core::fmt;

use http::StatusCode;
use serde::{Serialize, Serializer};

use crate::api_error::ApiError;
use crate::arguments::Arguments;
use crate::body::Body;
use crate::catalog::Catalog;
use crate::details::Details;
use crate::format::Format;
use crate::headers::Headers;

impl<'a, E: ApiError + Send + Sync + 'a> From<E> for Box<dyn ApiError + Send + Sync + 'a> {
    fn from(error: E) -> Self {
        Box::new(error)
    }
}

impl<'a, E: ApiError + 'a> From<E> for Box<dyn ApiError + 'a> {
    fn from(error: E) -> Self {
        Box::new(error)
    }
}

macro_rules! dyn_serialize {
    ($($bounds:tt)*) => {
        impl Serialize for dyn ApiError $($bounds)* + '_ {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                Body::new(self).serialize(serializer)
            }
        }
    };
}

dyn_serialize!();
dyn_serialize!(+ Send);
dyn_serialize!(+ Send + Sync);

/// Any API error, boxed, that is itself an [`ApiError`] and a `std::error::Error`: it can be
/// the field of a `transparent` variant, a `#[source]`, or what a function returns when it
/// may fail with errors of several types. Everything, from the code to the response, is the
/// wrapped error's; so are `Display` and `source()`.
///
/// `Box<dyn ApiError + Send + Sync>` is not a `std::error::Error` (a box of a trait object
/// does not implement the object's traits), which is why this type exists. It has no blanket
/// `From<E: ApiError>` either: it is an `ApiError` itself, and such a `From` would overlap with
/// `From<T> for T`. Build it with [`AnyApiError::new`], or from a `Box<dyn ApiError + Send +
/// Sync>`.
///
/// ```
/// use api_error_core::{AnyApiError, ApiError, Respond};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
/// struct PlanNotFound;
///
/// #[derive(Debug, ApiError)]
/// enum CheckoutError {
///     #[api_error(transparent)]
///     Other(AnyApiError),
/// }
///
/// let error = CheckoutError::Other(AnyApiError::new(PlanNotFound));
/// assert_eq!(error.code(), "PLAN_NOT_FOUND");
/// assert_eq!(error.to_response().status(), 404);
/// assert!(matches!(&error, CheckoutError::Other(any) if any.downcast_ref::<PlanNotFound>().is_some()));
/// ```
pub struct AnyApiError(Box<dyn ApiError + Send + Sync>);

impl AnyApiError {
    /// Boxes `error`.
    pub fn new<E: ApiError + Send + Sync + 'static>(error: E) -> Self {
        AnyApiError(Box::new(error))
    }

    /// The wrapped error, boxed.
    #[must_use]
    pub fn into_inner(self) -> Box<dyn ApiError + Send + Sync> {
        self.0
    }

    /// The wrapped error, if it is an `E`.
    #[must_use]
    pub fn downcast_ref<E: core::error::Error + 'static>(&self) -> Option<&E> {
        let error: &(dyn core::error::Error + 'static) = &*self.0;
        error.downcast_ref()
    }
}

impl From<Box<dyn ApiError + Send + Sync>> for AnyApiError {
    fn from(error: Box<dyn ApiError + Send + Sync>) -> Self {
        AnyApiError(error)
    }
}

impl fmt::Debug for AnyApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for AnyApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl core::error::Error for AnyApiError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        self.0.source()
    }
}

impl ApiError for AnyApiError {
    fn code(&self) -> &'static str {
        self.0.code()
    }

    fn status(&self) -> StatusCode {
        self.0.status()
    }

    fn write_message(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_message(f)
    }

    fn details(&self, details: &mut Details<'_>) {
        self.0.details(details);
    }

    fn message_arguments(&self, arguments: &mut Arguments<'_>) {
        self.0.message_arguments(arguments);
    }

    fn message_argument_names(&self) -> Option<&'static [&'static str]> {
        self.0.message_argument_names()
    }

    fn headers(&self, headers: &mut Headers<'_>) {
        self.0.headers(headers);
    }

    fn violations(&self) -> Option<&crate::violation::Violations> {
        self.0.violations()
    }

    fn static_body(&self) -> Option<&'static [u8]> {
        self.0.static_body()
    }

    fn fixed_format(&self) -> Option<Format> {
        self.0.fixed_format()
    }

    fn summary(&self) -> Option<&'static str> {
        self.0.summary()
    }

    fn plain_strings(&self) -> bool {
        self.0.plain_strings()
    }

    fn declared(&self, key: &str) -> Option<&'static str> {
        self.0.declared(key)
    }

    /// Empty: which errors it may hold is known only when it is built.
    fn catalog() -> Catalog {
        Catalog::new()
    }
}

impl Serialize for AnyApiError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Body::new(self).serialize(serializer)
    }
}
