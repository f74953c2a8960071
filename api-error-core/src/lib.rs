//! api-error-core: placeholder manual, replaced below.
#![forbid(unsafe_code)]

mod body;
mod catalog;
mod error;
#[doc(hidden)]
pub mod integrations;

#[cfg(feature = "axum")]
pub mod axum;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use body::{Body, CONTENT_TYPE_JSON, ErrorBody};
pub use catalog::{Catalog, CatalogEntry};
pub use error::{ApiError, Details, Headers, PublicMessage, reason_phrase};
pub use http::{self, StatusCode};

#[cfg(feature = "derive")]
pub use api_error_derive::ApiError;

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
        impl serde::Serialize for dyn ApiError $($bounds)* + '_ {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                Body::new(self).serialize(serializer)
            }
        }
    };
}

dyn_serialize!();
dyn_serialize!(+ Send);
dyn_serialize!(+ Send + Sync);
