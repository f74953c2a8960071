//! The behaviour tests of api-error, in one binary (linked once): what a client and a compiler
//! user see, module by module. The compile-fail cases are `tests/ui.rs`, run by trybuild, and
//! `tests/crate_path.rs`, whose subject is the crate root itself, is a binary of its own.

mod actix;
mod arbitrary_text;
mod axum_e2e;
mod behaviour;
mod chosen_status;
mod contract;
mod core_only;
mod decode;
mod description;
mod formats;
mod grpc;
mod hygiene;
mod layer;
mod localized;
mod localizer;
mod openapi;
// Public, so that `missing_docs` and `unreachable_pub` see what the derive generates there.
pub mod lints;
mod logging;
mod own_format;
mod sets;
mod violations;
mod without;
