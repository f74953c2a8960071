//! The actix-web 4 integration (feature `actix-web`): every derived error is an
//! `actix_web::ResponseError`, and so are boxed `dyn ApiError`s, [`AnyApiError`], [`Rejection`]
//! and [`NoRequestId`]; [`ApiErrorMiddleware`] does for an actix-web app what axum's
//! [`ApiErrorLayer`](crate::axum::ApiErrorLayer) does for a router.
//!
//! ```
//! use actix_web::{App, web};
//! use api_error_core::ApiError;
//! use api_error_core::actix::ApiErrorMiddleware;
//!
//! #[derive(Debug, ApiError)]
//! enum OrderError {
//!     #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order not found")]
//!     NotFound,
//! }
//!
//! async fn order() -> Result<String, OrderError> {
//!     Err(OrderError::NotFound)
//! }
//!
//! let app = App::new()
//!     .route("/order", web::get().to(order))
//!     .wrap(ApiErrorMiddleware::default());
//! ```
//!
//! actix-web 4 is built on `http` 0.2, this crate on `http` 1: a response is converted by its
//! status number and its headers' bytes, and is the same, status, headers and body, as
//! [`Respond::to_response`](crate::Respond::to_response) gives for the same configuration. `status_code()` and
//! `error_response()` agree.
//!
//! The configuration an error is rendered by is the one in force where actix-web calls
//! `error_response()`: under [`ApiErrorMiddleware`], the middleware's, with the request's id and
//! language, since actix-web turns a handler's (or an extractor's) error into its response
//! while the handler's future runs, which the middleware polls with the request's scope in
//! force; elsewhere the installed configuration, else the default.

mod middleware;

use actix_web::body::BoxBody;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::{FromRequest, HttpRequest, HttpResponse, ResponseError};

use crate::{
    AnyApiError, ApiError, Config, Format, NoRequestId, REQUEST_ID_HEADER, Rejection, RequestId,
};

pub use middleware::{ApiErrorMiddleware, ApiErrorService, ResponseFuture};

/// The actix-web response of `error`, in the [`Config`] in force: the status,
/// headers and body of [`Respond::to_response`](crate::Respond::to_response).
pub fn response<E: ApiError + ?Sized>(error: &E) -> HttpResponse {
    response_in(error, None)
}

/// The actix-web response of `error` rendered by `config`, as [`Config::response`] renders it
/// for `http`: for an error answered outside [`ApiErrorMiddleware`] in a configuration of its
/// own.
pub fn response_by<E: ApiError + ?Sized>(config: &Config, error: &E) -> HttpResponse {
    response_in(error, Some(config))
}

/// The status of `error` as actix-web's type; the one [`response`] answers with.
pub fn status<E: ApiError + ?Sized>(error: &E) -> StatusCode {
    status_of(error.status())
}

/// An error set answers as its member does.
macro_rules! set_response_error {
    ($set:ident [$($t:ident)+]) => {
        impl<$($t: crate::set::Member),+> ResponseError for crate::set::$set<$($t),+> {
            fn status_code(&self) -> StatusCode {
                status(self)
            }

            fn error_response(&self) -> HttpResponse {
                response(self)
            }
        }
    };
}
crate::set::for_each_set!(set_response_error);

/// An `http` 1 status as `http` 0.2's: every status is a number from 100 to 999 in both.
fn status_of(status: http::StatusCode) -> StatusCode {
    StatusCode::from_u16(status.as_u16()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response of `error` rendered by `config`, else by the configuration in force.
fn response_in<E: ApiError + ?Sized>(error: &E, config: Option<&Config>) -> HttpResponse {
    // Empty, and so unallocated, for an error with no headers of its own.
    let mut headers = http::HeaderMap::new();
    let (format, body) = crate::layer::parts(error, config, &mut headers);
    let mut response = HttpResponse::with_body(status(error), BoxBody::new(body));
    let map = response.headers_mut();
    map.insert(header::CONTENT_TYPE, content_type(format));
    append(map, &headers);
    response
}

/// Appends `headers` (`http` 1's) to an actix-web response's.
fn append(map: &mut header::HeaderMap, headers: &http::HeaderMap) {
    for (name, value) in headers {
        // Both versions accept the same names and values: the conversions do not fail.
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_str().as_bytes()),
            HeaderValue::from_bytes(value.as_bytes()),
        ) {
            map.append(name, value);
        }
    }
}

/// `format`'s content type as actix-web's header value, made when the crate is built.
#[inline]
fn content_type(format: Format) -> HeaderValue {
    match format {
        Format::Json => const { HeaderValue::from_static(Format::Json.content_type()) },
        Format::Problem => const { HeaderValue::from_static(Format::Problem.content_type()) },
        Format::JsonApi => const { HeaderValue::from_static(Format::JsonApi.content_type()) },
        Format::Own(own) => own_content_type(own.content_type()),
    }
}

/// A format of one's own's content type, checked to be a header value when the format was
/// made; out of line, so that the built-in formats' constants stay inlined.
#[cold]
#[inline(never)]
fn own_content_type(content_type: &'static str) -> HeaderValue {
    HeaderValue::from_static(content_type)
}

/// `ResponseError` for each type, whose `ApiError` is the value `$error` makes of `self`.
macro_rules! response_error {
    ($(|$this:ident| $error:expr => $ty:ty),* $(,)?) => {
        $(
            impl ResponseError for $ty {
                fn status_code(&self) -> StatusCode {
                    let $this = self;
                    status($error)
                }

                fn error_response(&self) -> HttpResponse<BoxBody> {
                    let $this = self;
                    response($error)
                }
            }
        )*
    };
}

response_error!(
    |this| &**this => Box<dyn ApiError>,
    |this| &**this => Box<dyn ApiError + Send>,
    |this| &**this => Box<dyn ApiError + Send + Sync>,
    |this| this => AnyApiError,
    |this| this => Rejection,
    |this| this => NoRequestId,
);

/// A handler takes the request's id as an argument, `id: RequestId` (or `Option<RequestId>`,
/// `None` outside an [`ApiErrorMiddleware`]); without the middleware, `RequestId` answers
/// `500 SERVER_INTERNAL_ERROR` ([`NoRequestId`]).
///
/// ```
/// use actix_web::{App, web};
/// use api_error_core::RequestId;
/// use api_error_core::actix::ApiErrorMiddleware;
///
/// async fn whoami(id: RequestId) -> String {
///     format!("request {id}")
/// }
///
/// let app = App::new()
///     .route("/whoami", web::get().to(whoami))
///     .wrap(ApiErrorMiddleware::default());
/// ```
impl FromRequest for RequestId {
    type Error = NoRequestId;
    type Future = core::future::Ready<Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let header = request
            .headers()
            .get(REQUEST_ID_HEADER.as_str())
            .map(HeaderValue::as_bytes);
        core::future::ready(RequestId::current(header).ok_or(NoRequestId))
    }
}
