//! `members` on enums of every shape: each struct is the variant's fields, converts into the
//! enum, and is a member of a set whose error is the enum's variant.

use api_error_core::set::{Member, OneOf};
use api_error_core::{ApiError, Respond};

#[derive(Debug, ApiError)]
#[api_error(members, status = 400)]
enum OrderError {
    /// No order has this id.
    #[api_error(code = "ORDER_NOT_FOUND", status = 404, message = "Order {order_id} not found")]
    NotFound {
        #[api_error(detail)]
        order_id: u64,
    },
    #[api_error(code = "ORDER_EXPIRED", message = "Order {0} has expired")]
    Expired(#[api_error(detail = "order_id")] u64),
    #[api_error(code = "ORDER_NOT_OWNER", status = 403, message = "Not the order owner")]
    NotOwner,
    #[api_error(code = "ORDER_STORAGE", status = 500)]
    Storage(#[from] std::io::Error),
    #[api_error(transparent)]
    Plan(PlanError),
}

#[derive(Debug, ApiError)]
#[api_error(code = "PLAN_NOT_FOUND", status = 404, message = "Plan not found")]
struct PlanError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(members = "upload")]
pub enum UploadError {
    #[error("file too large: {size} bytes")]
    #[api_error(code = "UPLOAD_TOO_LARGE", status = 413)]
    TooLarge {
        #[api_error(detail)]
        size: u64,
    },
}

/// An enum named as a keyword is in snake case (`r#type`); a variant named as one; a status
/// chosen at run time beside the enum's default; a variant configured out.
#[derive(Debug, ApiError)]
#[api_error(members, status = 400)]
pub enum Type {
    #[api_error(code = "UPSTREAM_FAILED", status(502, 504) = status_of(.0), message = "Upstream failed")]
    Upstream(u16),
    #[api_error(code = "TYPE_UNKNOWN", message = "Unknown type")]
    Unknown,
    #[allow(non_camel_case_types)]
    #[api_error(code = "TYPE_MATCH", message = "No match")]
    r#match,
    #[cfg(any())]
    #[api_error(code = "TYPE_NEVER", message = "Never")]
    Never,
}

fn status_of(code: &u16) -> u16 {
    *code
}

fn get(order_id: u64) -> Result<(), OneOf<(order_error::NotFound, order_error::NotOwner, PlanError)>> {
    match order_id {
        0 => Err(order_error::NotFound { order_id })?,
        1 => Err(order_error::NotOwner)?,
        _ => Err(PlanError)?,
    }
}

/// Field types named from where the enum is (`self::`, `super::`, `Self`) name the same
/// types from the module `members` writes, one level down.
mod outer {
    #[derive(Debug)]
    pub struct Outer;

    pub trait Named {
        type Name;
    }

    impl Named for Outer {
        type Name = String;
    }

    pub mod inner {
        #[derive(Debug)]
        pub struct Local;

        #[derive(Debug, api_error_core::ApiError)]
        #[api_error(members, status = 400)]
        pub enum PathError {
            #[api_error(code = "PATH_HERE", message = "Here")]
            Here(self::Local),
            #[api_error(code = "PATH_UP", message = "Up")]
            Up(super::Outer),
            #[api_error(code = "PATH_NESTED", message = "Nested")]
            Nested(Option<Box<Self>>),
            #[api_error(code = "PATH_QUALIFIED", message = "Qualified")]
            Qualified(<super::Outer as super::Named>::Name),
        }

        /// Seen only from `outer`: its structs are seen no wider.
        #[derive(Debug, api_error_core::ApiError)]
        #[api_error(members, status = 400)]
        pub(super) enum Scoped {
            #[api_error(code = "SCOPED", message = "Scoped")]
            Only { reason: String },
        }
    }

    /// A set of a member of an enum seen only here.
    pub(crate) fn scoped() -> &'static str {
        use api_error_core::ApiError;
        use api_error_core::set::OneOf;
        let set: OneOf<(inner::scoped::Only,)> = inner::scoped::Only { reason: "here".into() }.into();
        set.code()
    }
}

fn main() {
    use outer::inner::{Local, PathError, path_error};
    let _: PathError = path_error::Here(Local).into();
    let _: PathError = path_error::Up(outer::Outer).into();
    let nested = path_error::Nested(Some(Box::new(PathError::Here(Local))));
    assert_eq!(nested.into_error().code(), "PATH_NESTED");
    let _: PathError = path_error::Qualified("name".to_owned()).into();

    let error = get(0).unwrap_err();
    assert_eq!(error.to_response().body(), OrderError::from(order_error::NotFound { order_id: 0 }).to_response().body());
    let _: OrderError = order_error::Expired(3).into();
    let _: OrderError = order_error::Storage(std::io::Error::other("disk")).into();
    let _: UploadError = upload::TooLarge { size: 1 }.into();
    assert_eq!(upload::TooLarge { size: 1 }.into_error().message(), "file too large: 1 bytes");
    assert_eq!(r#type::Upstream(504).into_error().status().as_u16(), 504);
    assert_eq!(r#type::Unknown.into_error().status().as_u16(), 400);
    assert!(matches!(r#type::Unknown::from_error(Type::Upstream(502)), Err(Type::Upstream(502))));
    let _: Type = r#type::Unknown.into();
    let codes: Vec<&str> = <r#type::r#match as Member>::catalog().iter().map(|entry| entry.code()).collect();
    assert_eq!(codes, ["TYPE_MATCH"]);
    assert_eq!(outer::scoped(), "SCOPED");
}
