//! The visitor an error passes the fields its message shows to, by name, for a translation of
//! that message: numbers as numbers, so that a translation can choose a plural, anything else
//! as the text it displays.

use core::fmt;

/// One value a message shows.
#[derive(Clone, Copy)]
pub enum Argument<'a> {
    /// A number, which a translation may format or choose a plural by.
    Number(f64),
    /// Anything else, as it displays.
    Text(&'a dyn fmt::Display),
}

impl fmt::Debug for Argument<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Argument::Number(number) => f.debug_tuple("Number").field(number).finish(),
            Argument::Text(text) => f
                .debug_tuple("Text")
                .field(&format_args!("{text}"))
                .finish(),
        }
    }
}

/// Receives the fields an error's message shows, by the name a translation refers to them by;
/// see [`ApiError::message_arguments`](crate::ApiError::message_arguments).
///
/// `#[derive(ApiError)]` passes each field its declared message shows, a named field by its
/// name and a tuple field as `arg` and its index (`{0}` is `$arg0`). By hand:
///
/// ```
/// use api_error_core::{Argument, Arguments};
///
/// let mut seen = Vec::new();
/// let mut sink = |name: &'static str, value: Argument<'_>| seen.push(format!("{name}={value:?}"));
/// let mut arguments = Arguments::new(&mut sink);
/// arguments.number("quota", 5);
/// arguments.text("plan", &"gold");
/// assert_eq!(seen, ["quota=Number(5.0)", "plan=Text(gold)"]);
/// ```
pub struct Arguments<'a> {
    sink: &'a mut dyn FnMut(&'static str, Argument<'_>),
}

impl<'a> Arguments<'a> {
    /// Arguments that go to `sink`, one call each.
    pub fn new(sink: &'a mut dyn FnMut(&'static str, Argument<'_>)) -> Self {
        Arguments { sink }
    }

    /// Passes a number. Integers beyond 2^53 lose their last digits, as in any JSON number.
    pub fn number(&mut self, name: &'static str, value: impl Into<Number>) {
        (self.sink)(name, Argument::Number(value.into().0));
    }

    /// Passes a value that is shown as it displays.
    pub fn text(&mut self, name: &'static str, value: &dyn fmt::Display) {
        (self.sink)(name, Argument::Text(value));
    }
}

impl fmt::Debug for Arguments<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Arguments").finish_non_exhaustive()
    }
}

/// A number a message shows, as a translation gets it: any of Rust's integer and float types
/// converts into one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(f64);

macro_rules! numbers {
    ($($ty:ty)*) => {
        $(
            impl From<$ty> for Number {
                // A translation formats numbers as `f64`s, as Fluent does.
                #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
                fn from(value: $ty) -> Self {
                    Number(value as f64)
                }
            }
        )*
    };
}

numbers!(u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize f32 f64);
