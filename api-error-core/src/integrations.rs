//! Framework integrations.
//!
//! Generated code calls one macro, `__impl_integrations!`, once, with a description of every
//! case of the type; it hands that description to one `macro_rules!` per integration. Each of
//! those is defined twice, here, under the integration's feature and under its negation, so the
//! feature of *this* crate decides what a user's derive expands to: a derive cannot see this
//! crate's features, and a `#[cfg(feature = ...)]` in its output would test the user's crate
//! instead. A new integration is a line in `__impl_integrations!` and a macro pair here; the
//! derive does not change.
//!
//! The description, as the derive writes it (every list may be empty; in the stubs the derive
//! emits for an input with mistakes, `cases` is):
//!
//! ```text
//! [impl generics] [Type<..>] [where clause]
//! {
//!     format: ["problem"]                      // the type's own `format`, or []
//!     cases: [
//!         own {
//!             variant: [NotPending]            // [] for a struct
//!             style: [named]                   // unit | tuple | named
//!             code: ["ORDER_NOT_PENDING"]
//!             status: [<const expression of type StatusCode>]
//!             message: [declared "Order {id} is not in pending status"]
//!                                              // or [display "..."]: thiserror's text,
//!                                              // the message of a 4xx; or []: the reason phrase
//!             summary: ["The order is not pending."]   // the doc comment's first paragraph, or []
//!             fields: [
//!                 { member: [id] ty: [u64] detail: ["id"] header: [] source: [] }
//!                 { member: [cause] ty: [std::io::Error] detail: [] header: [] source: [source] }
//!             ]                                // source: [source], [from] or []
//!             headers: [ ("WWW-Authenticate", "Bearer") ]  // fixed headers, name and value
//!         }
//!         transparent {
//!             variant: [Auth]
//!             style: [tuple]
//!             fields: [ { member: [0] ty: [AuthError] detail: [] header: [] source: [from] } ]
//!         }
//!     ]
//! }
//! ```

/// Hands the description of a derived type to every integration; see the module docs.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_integrations {
    ($($description:tt)*) => {
        $crate::__impl_serialize! { $($description)* }
        $crate::__impl_axum! { $($description)* }
    };
}

/// Implements `serde::Serialize` as the error's body; see [`Body`](crate::Body).
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serialize {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $($cases:tt)*) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::serde::Serialize for $($ty)* $($where_clause)* {
            fn serialize<__S>(
                &self,
                __serializer: __S,
            ) -> $crate::__private::Result<
                <__S as $crate::__private::serde::Serializer>::Ok,
                <__S as $crate::__private::serde::Serializer>::Error,
            >
            where
                __S: $crate::__private::serde::Serializer,
            {
                $crate::__private::serde::Serialize::serialize(
                    &$crate::Body::new(self),
                    __serializer,
                )
            }
        }
    };
}

/// Implements `axum_core::response::IntoResponse` with [`ApiError::to_response`](crate::ApiError::to_response).
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_axum {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $($cases:tt)*) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::axum_core::response::IntoResponse for $($ty)* $($where_clause)* {
            fn into_response(self) -> $crate::__private::axum_core::response::Response {
                $crate::axum::response(&self)
            }
        }
    };
}

/// Without the `axum` feature, derived errors get no `IntoResponse`.
#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_axum {
    ($($input:tt)*) => {};
}
