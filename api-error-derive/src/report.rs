//! How a mistake of the input is reported: spanned on the token at fault, and pushed to the
//! accumulator, so that every mistake shows at once.

use core::fmt::Display;

use darling::error::Accumulator;
use syn::spanned::Spanned;

pub(crate) trait Report {
    /// Reports `message` at `at`.
    fn error(&mut self, at: &impl Spanned, message: impl Display);
}

impl Report for Accumulator {
    fn error(&mut self, at: &impl Spanned, message: impl Display) {
        self.push(darling::Error::custom(message).with_span(at));
    }
}
