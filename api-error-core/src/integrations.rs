//! Framework integrations.
//!
//! Generated code calls one `macro_rules!` per integration, unconditionally. Each macro is
//! defined twice, here, under the integration's feature and under its negation, so the feature
//! of *this* crate decides what a user's derive expands to: a derive cannot see this crate's
//! features, and a `#[cfg(feature = ...)]` in its output would test the user's crate instead.

/// Implements `serde::Serialize` as the error's body; see [`Body`](crate::Body).
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serialize {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
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
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
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
