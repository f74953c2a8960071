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
//! [impl generics] [Type<..>] [where clause] [axum utoipa]  // `without(..)`, as written
//! {
//!     format: ["problem"]                      // the type's own `format` by name, or [] (none,
//!                                              // or a format of one's own, by path)
//!     decode: [decode]                         // `decode` on the type, or []
//!     cases: [
//!         own {
//!             variant: [NotPending]            // [] for a struct
//!             style: [named]                   // unit | tuple | named
//!             code: ["ORDER_NOT_PENDING"]
//!             status: [<const expression of type StatusCode>]  // the first listed, for a
//!                                              // status chosen at run time
//!             message: [declared "Order {id} is not in pending status"]
//!                                              // or [display "..."]: thiserror's text, the
//!                                              // message of a 4xx (a 5xx says its reason
//!                                              // phrase); [display]: the same, from a text
//!                                              // that is not a literal; []: the reason phrase
//!             summary: ["The order is not pending."]   // the doc comment's first paragraph, or []
//!             fields: [
//!                 { member: [id] ty: [u64] detail: ["id"] header: [] source: [] shown: [shown] }
//!                 { member: [cause] ty: [std::io::Error] detail: [] header: [] source: [source] shown: [] }
//!             ]                                // source: [source], [from] or []; shown: [shown]
//!                                              // when the message shows the field (any field,
//!                                              // for a message `Display` writes)
//!             headers: [ ("WWW-Authenticate", "Bearer") ("Cache-Control", "no-store") ]
//!                                              // fixed headers, name and value
//!         }
//!         transparent {
//!             variant: [Auth]
//!             style: [tuple]
//!             fields: [ { member: [0] ty: [AuthError] detail: [] header: [] source: [from] shown: [] } ]
//!         }
//!     ]
//! }
//! ```

/// Hands the description of a derived type to every integration but those the type writes
/// itself (`without(..)`); see the module docs.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_integrations {
    // The cases travel as one token tree, `{ .. }`, so that an integration that does not read
    // them costs the compiler nothing per case.
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] [$($without:ident)*] $cases:tt) => {
        $crate::__known_integrations! { $($without)* }
        $crate::__impl_serialize! { [$($impl_generics)*] [$($ty)*] [$($where_clause)*] $cases }
        $crate::__impl_describe! { [$($impl_generics)*] [$($ty)*] [$($where_clause)*] $cases }
        $crate::__impl_decode! { [$($impl_generics)*] [$($ty)*] [$($where_clause)*] $cases }
        $crate::__unless_without! { axum [$($without)*] {
            $crate::__impl_axum! { [$($impl_generics)*] [$($ty)*] [$($where_clause)*] $cases }
        } }
        $crate::__unless_without! { utoipa [$($without)*] {
            $crate::__impl_utoipa5! { [$($impl_generics)*] [$($ty)*] [$($where_clause)*] $cases }
            $crate::__impl_utoipa6! { [$($impl_generics)*] [$($ty)*] [$($where_clause)*] $cases }
        } }
        $crate::__unless_without! { aide [$($without)*] {
            $crate::__impl_aide! { [$($impl_generics)*] [$($ty)*] [$($where_clause)*] $cases }
        } }
        $crate::__unless_without! { tonic [$($without)*] {
            $crate::__impl_tonic! { [$($impl_generics)*] [$($ty)*] [$($where_clause)*] $cases }
        } }
        $crate::__unless_without! { actix [$($without)*] {
            $crate::__impl_actix! { [$($impl_generics)*] [$($ty)*] [$($where_clause)*] $cases }
        } }
    };
}

/// The items of integration `$name` unless `without(..)` names it: one rule a name, each
/// matching the name's own word at the head of the list.
#[doc(hidden)]
#[macro_export]
macro_rules! __unless_without {
    ($name:ident [] { $($items:tt)* }) => { $($items)* };
    (axum [axum $($rest:ident)*] $items:tt) => {};
    (utoipa [utoipa $($rest:ident)*] $items:tt) => {};
    (aide [aide $($rest:ident)*] $items:tt) => {};
    (tonic [tonic $($rest:ident)*] $items:tt) => {};
    (actix [actix $($rest:ident)*] $items:tt) => {};
    ($name:ident [$other:ident $($rest:ident)*] $items:tt) => {
        $crate::__unless_without! { $name [$($rest)*] $items }
    };
}

/// Each name `without(..)` gives is an integration's; another does not compile, and says which
/// there are.
#[doc(hidden)]
#[macro_export]
macro_rules! __known_integrations {
    () => {};
    (axum $($rest:ident)*) => { $crate::__known_integrations! { $($rest)* } };
    (utoipa $($rest:ident)*) => { $crate::__known_integrations! { $($rest)* } };
    (aide $($rest:ident)*) => { $crate::__known_integrations! { $($rest)* } };
    (tonic $($rest:ident)*) => { $crate::__known_integrations! { $($rest)* } };
    (actix $($rest:ident)*) => { $crate::__known_integrations! { $($rest)* } };
    ($unknown:ident $($rest:ident)*) => {
        $crate::__private::core::compile_error!($crate::__private::core::concat!(
            "`without(", $crate::__private::core::stringify!($unknown),
            ")` names no integration: write `axum`, `actix`, `tonic`, `utoipa` or `aide`"
        ));
    };
}

/// Implements `actix_web::ResponseError` (feature `actix-web`): the status and the response
/// of `actix`, which agree.
#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_actix {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $cases:tt) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::actix_web::ResponseError for $($ty)* $($where_clause)* {
            fn status_code(&self) -> $crate::__private::actix_web::http::StatusCode {
                $crate::actix::status(self)
            }

            fn error_response(&self) -> $crate::__private::actix_web::HttpResponse {
                $crate::actix::response(self)
            }
        }
    };
}

/// Without the feature `actix-web`, no `ResponseError`.
#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_actix {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $cases:tt) => {};
}

/// Implements `From<Self> for tonic::Status` (feature `tonic`), by value, for `?` in a tonic
/// handler.
#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_tonic {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $cases:tt) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::From<$($ty)*> for $crate::__private::tonic::Status $($where_clause)* {
            fn from(error: $($ty)*) -> Self {
                $crate::tonic::status(&error)
            }
        }
    };
}

/// Without the feature `tonic`, no `From` for `tonic::Status`.
#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_tonic {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $cases:tt) => {};
}

/// Implements `IntoResponses`, `PartialSchema` and `ToSchema` (named as the type) of the utoipa
/// re-exported as `__private::$krate`, from `openapi::$module`: the one body both utoipa majors
/// use.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_utoipa {
    ($krate:ident $module:ident [$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $cases:tt) => {
        $crate::__impl_detail_schemas! { $module [$($impl_generics)*] [$($ty)*] [$($where_clause)*] $cases }

        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::$krate::IntoResponses for $($ty)* $($where_clause)* {
            fn responses() -> $crate::openapi::$module::Responses {
                $crate::openapi::$module::responses::<Self>()
            }
        }

        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::$krate::PartialSchema for $($ty)* $($where_clause)* {
            fn schema() -> $crate::__private::$krate::openapi::RefOr<
                $crate::__private::$krate::openapi::schema::Schema,
            > {
                $crate::openapi::$module::schema::<Self>()
            }
        }

        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::$krate::ToSchema for $($ty)* $($where_clause)* {}
    };
}

/// Defines, for one utoipa major version, the integration macro `$name`: with the feature, it
/// implements that version's `IntoResponses` through [`__impl_utoipa!`]; without, nothing.
/// `$d` is a `$`, handed in so that the macro this defines can have variables of its own.
macro_rules! utoipa_integration {
    ($d:tt $feature:literal $name:ident $krate:ident) => {
        #[doc = concat!("Implements utoipa's `IntoResponses` (feature `", $feature, "`).")]
        #[cfg(feature = $feature)]
        #[doc(hidden)]
        #[macro_export]
        macro_rules! $name {
            ([$d($d g:tt)*] [$d($d ty:tt)*] [$d($d w:tt)*] $d cases:tt) => {
                $d crate::__impl_utoipa! { $krate $krate [$d($d g)*] [$d($d ty)*] [$d($d w)*] $d cases }
            };
        }

        #[doc = concat!("Without the feature `", $feature, "`, no `IntoResponses`.")]
        #[cfg(not(feature = $feature))]
        #[doc(hidden)]
        #[macro_export]
        macro_rules! $name {
            ([$d($d g:tt)*] [$d($d ty:tt)*] [$d($d w:tt)*] $d cases:tt) => {};
        }
    };
}

utoipa_integration!($ "utoipa-5" __impl_utoipa5 utoipa5);
utoipa_integration!($ "utoipa-6" __impl_utoipa6 utoipa6);

/// Implements aide's `OperationOutput` (feature `aide-0_15`): the inferred responses of a
/// handler returning the error.
#[cfg(feature = "aide-0_15")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_aide {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $cases:tt) => {
        $crate::__impl_detail_schemas! { aide [$($impl_generics)*] [$($ty)*] [$($where_clause)*] $cases }

        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::aide::OperationOutput for $($ty)* $($where_clause)* {
            type Inner = Self;

            fn inferred_responses(
                _: &mut $crate::__private::aide::generate::GenContext,
                _: &mut $crate::__private::aide::openapi::Operation,
            ) -> $crate::__private::Vec<(
                $crate::__private::Option<u16>,
                $crate::__private::aide::openapi::Response,
            )> {
                $crate::openapi::aide::responses::<Self>()
            }
        }
    };
}

/// Implements `openapi::$module::DetailSchemas`: each detail's schema, as the generator of
/// `$module` gives its type one, and the detail schemas of each `transparent` case's type.
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_detail_schemas {
    (
        $module:ident [$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]
        { format: $format:tt decode: $decode:tt cases: [$($kind:ident { $($case:tt)* })*] }
    ) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::openapi::$module::DetailSchemas for $($ty)* $($where_clause)* {
            fn detail_schemas(__errors: &mut $crate::openapi::Errors) {
                #[allow(unused_imports)]
                use $crate::openapi::{Open as _, ViaText as _};
                #[allow(unused_imports)]
                use $crate::openapi::$module::{NoDetailSchemas as _, ViaDetailSchemas as _, ViaSchema as _};
                $($crate::__detail_schemas_case!(__errors $kind { $($case)* });)*
            }
        }
    };
}

/// One case of [`__impl_detail_schemas!`].
#[cfg(any(feature = "utoipa-5", feature = "utoipa-6", feature = "aide-0_15"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __detail_schemas_case {
    ($errors:ident own {
        variant: [$($variant:ident)?]
        style: [$style:ident]
        code: [$code:literal]
        status: [$($status:tt)*]
        message: [$($message:tt)*]
        summary: [$($summary:literal)?]
        fields: [$({
            member: [$member:tt]
            ty: [$field:ty]
            detail: [$($detail:literal)?]
            header: [$($header:literal)?]
            source: [$($source:ident)?]
            shown: [$($shown:ident)?]
        })*]
        headers: [$($headers:tt)*]
    }) => {
        $($(
            if let $crate::__private::Option::Some(__schema) =
                (&&$crate::__private::Probe::<$field>::new()).__api_error_detail_schema()
            {
                $errors.set_detail_schema($code, $detail, __schema);
            }
        )?)*
    };
    ($errors:ident transparent {
        variant: [$($variant:ident)?]
        style: [$style:ident]
        fields: [{
            member: [$member:tt]
            ty: [$field:ty]
            detail: []
            header: []
            source: [$($source:ident)?]
            shown: []
        }]
    }) => {
        (&$crate::__private::Probe::<$field>::new()).__api_error_detail_schemas_into($errors);
    };
}

/// Without the feature `aide-0_15`, no `OperationOutput`.
#[cfg(not(feature = "aide-0_15"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_aide {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $cases:tt) => {};
}

/// Implements [`Decode`](crate::Decode) for a type declared with `decode`: each own case
/// rebuilt from a body with its code, each `transparent` case from the wrapped type's; see
/// [`Decode`](crate::Decode).
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_decode {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] { format: $format:tt decode: [] cases: $cases:tt }) => {};
    (
        [$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]
        { format: $format:tt decode: [decode] cases: [$($kind:ident { $($case:tt)* })*] }
    ) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::Decode for $($ty)* $($where_clause)* {
            fn decode(
                __input: &$crate::__private::DecodeInput<'_>,
            ) -> $crate::__private::Option<Self> {
                #[allow(unused_imports)]
                use $crate::__private::{
                    NoDecode as _, NoDefault as _, NotViolations as _, ViaDecode as _,
                    ViaDefault as _, ViaViolations as _,
                };
                $($crate::__decode_case!(__input $kind { $($case)* });)*
                $crate::__private::Option::None
            }
        }
    };
}

/// One case of [`__impl_decode!`]: returns the rebuilt case from `decode` when it is one.
#[doc(hidden)]
#[macro_export]
macro_rules! __decode_case {
    ($input:ident own {
        variant: [$($variant:ident)?]
        style: [$style:ident]
        code: [$code:literal]
        status: [$($status:tt)*]
        message: [$($message:tt)*]
        summary: [$($summary:literal)?]
        fields: [$({
            member: [$member:tt]
            ty: [$field:ty]
            detail: [$($detail:literal)?]
            header: [$($header:literal)?]
            source: [$($source:ident)?]
            shown: [$($shown:ident)?]
        })*]
        headers: [$($headers:tt)*]
    }) => {
        if $input.code() == $code {
            let __details = $input.details(&[$($($detail,)?)*]);
            let __rebuilt = (|| {
                $crate::__private::Option::Some(Self $(::$variant)? {
                    $($member: $crate::__decode_field!(
                        __details [$field] [$($detail)?] [$($header)?] [$($shown)?]
                    ),)*
                })
            })();
            if __rebuilt.is_some() {
                return __rebuilt;
            }
        }
    };
    ($input:ident transparent {
        variant: [$($variant:ident)?]
        style: [$style:ident]
        fields: [{
            member: [$member:tt]
            ty: [$field:ty]
            detail: []
            header: []
            source: [$($source:ident)?]
            shown: []
        }]
    }) => {
        if let $crate::__private::Option::Some(__inner) =
            (&$crate::__private::Probe::<$field>::new()).decode_from($input)
        {
            return $crate::__private::Option::Some(Self $(::$variant)? { $member: __inner });
        }
    };
}

/// One field of a case [`__decode_case!`] rebuilds: a detail read by its name, a field of field
/// violations the body's, a field that neither the message shows nor a header sends its type's
/// `Default`; `None` (the case is not
/// rebuilt, rather than rebuilt with a value it was not sent with) for any other.
#[doc(hidden)]
#[macro_export]
macro_rules! __decode_field {
    ($details:ident [$field:ty] [$detail:literal] $header:tt $shown:tt) => {
        $details.get::<$field>($detail)?
    };
    ($details:ident [$field:ty] [] [] []) => {
        // The body's violations for a field that holds them, else the type's `Default`.
        match (&$crate::__private::Probe::<$field>::new()).violations_from(&$details) {
            $crate::__private::Option::Some(__value) => __value,
            $crate::__private::Option::None => {
                (&$crate::__private::Probe::<$field>::new()).default_value()?
            }
        }
    };
    ($details:ident [$field:ty] [] $header:tt $shown:tt) => {
        $crate::__private::Option::None?
    };
}

/// Implements `serde::Serialize` as the error's body; see [`Body`](crate::Body).
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_serialize {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $cases:tt) => {
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

/// Implements `axum_core::response::IntoResponse` with [`Respond::to_response`](crate::Respond::to_response).
#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_axum {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $cases:tt) => {
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
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $cases:tt) => {};
}

/// Implements `__private::Described`, the description of the cases as a value, by reading the
/// whole description: the grammar above, checked by a macro as every integration will read it.
/// For this crate's own tests of what the derive hands integrations (feature `describe`).
#[cfg(feature = "describe")]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_describe {
    (
        [$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]
        { format: [$($format:literal)?] decode: [$($decode:ident)?] cases: [$($kind:ident { $($case:tt)* })*] }
    ) => {
        #[automatically_derived]
        impl $($impl_generics)* $crate::__private::Described for $($ty)* $($where_clause)* {
            fn description() -> $crate::__private::TypeDescription {
                $crate::__private::TypeDescription {
                    format: $crate::__describe_option!($($format)?),
                    cases: $crate::__private::list([
                        $($crate::__describe_case!($kind { $($case)* })),*
                    ]),
                }
            }
        }
    };
}

/// Without the `describe` feature, no description as a value.
#[cfg(not(feature = "describe"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_describe {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*] $cases:tt) => {};
}

/// One case of the description as a `__private::CaseDescription`.
#[cfg(feature = "describe")]
#[doc(hidden)]
#[macro_export]
macro_rules! __describe_case {
    (own {
        variant: [$($variant:ident)?]
        style: [$style:ident]
        code: [$code:literal]
        status: [$($status:tt)*]
        message: [$($message:tt)*]
        summary: [$($summary:literal)?]
        fields: [$($field:tt)*]
        headers: [$(($name:literal, $value:literal))*]
    }) => {
        $crate::__private::CaseDescription {
            variant: $crate::__describe_option!($($crate::__private::core::stringify!($variant))?),
            style: $crate::__private::core::stringify!($style),
            transparent: false,
            code: $crate::__private::Option::Some($code),
            status: $crate::__private::Option::Some($($status)*),
            message: $crate::__describe_message!($($message)*),
            summary: $crate::__describe_option!($($summary)?),
            fields: $crate::__private::list([$($crate::__describe_field!($field)),*]),
            headers: $crate::__private::list([$(($name, $value)),*]),
        }
    };
    (transparent {
        variant: [$($variant:ident)?]
        style: [$style:ident]
        fields: [$($field:tt)*]
    }) => {
        $crate::__private::CaseDescription {
            variant: $crate::__describe_option!($($crate::__private::core::stringify!($variant))?),
            style: $crate::__private::core::stringify!($style),
            transparent: true,
            code: $crate::__private::Option::None,
            status: $crate::__private::Option::None,
            message: $crate::__private::MessageDescription::Reason,
            summary: $crate::__private::Option::None,
            fields: $crate::__private::list([$($crate::__describe_field!($field)),*]),
            headers: $crate::__private::list([]),
        }
    };
}

/// Whether a flag of the description, `[shown]` or `[]`, is set.
#[cfg(feature = "describe")]
#[doc(hidden)]
#[macro_export]
macro_rules! __describe_flag {
    () => {
        false
    };
    ($flag:ident) => {
        true
    };
}

/// One field of the description as a `__private::FieldDescription`.
#[cfg(feature = "describe")]
#[doc(hidden)]
#[macro_export]
macro_rules! __describe_field {
    ({
        member: [$member:tt]
        ty: [$ty:ty]
        detail: [$($detail:literal)?]
        header: [$($header:literal)?]
        source: [$($source:ident)?]
        shown: [$($shown:ident)?]
    }) => {
        $crate::__private::FieldDescription {
            member: $crate::__private::core::stringify!($member),
            ty: $crate::__private::core::any::type_name::<$ty>(),
            detail: $crate::__describe_option!($($detail)?),
            header: $crate::__describe_option!($($header)?),
            source: $crate::__describe_option!($($crate::__private::core::stringify!($source))?),
            shown: $crate::__describe_flag!($($shown)?),
        }
    };
}

/// `Some(x)` for one token, `None` for none.
#[cfg(feature = "describe")]
#[doc(hidden)]
#[macro_export]
macro_rules! __describe_option {
    () => {
        $crate::__private::Option::None
    };
    ($value:expr) => {
        $crate::__private::Option::Some($value)
    };
}

/// The `message:` of a case as a `__private::MessageDescription`.
#[cfg(feature = "describe")]
#[doc(hidden)]
#[macro_export]
macro_rules! __describe_message {
    () => {
        $crate::__private::MessageDescription::Reason
    };
    (declared $template:literal) => {
        $crate::__private::MessageDescription::Declared($template)
    };
    (display $template:literal) => {
        $crate::__private::MessageDescription::Display($crate::__private::Option::Some($template))
    };
    (display) => {
        $crate::__private::MessageDescription::Display($crate::__private::Option::None)
    };
}

/// The methods only a translation reads (`message_arguments` and the names it passes), which
/// the derive writes inside this macro: kept with feature `fluent`, left out of a build
/// without it, which then checks none of their code (about a fifth of a derived type's).
#[cfg(feature = "fluent")]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_fluent {
    ($($items:tt)*) => { $($items)* };
}

/// Without feature `fluent`, nothing: see the macro of the same name above.
#[cfg(not(feature = "fluent"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __if_fluent {
    ($($items:tt)*) => {};
}
