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

    /// Passes a number. An integer beyond 2^53, which a float cannot hold exactly, is passed
    /// as its text, so that a translation shows the digits the declared message does (and
    /// chooses no plural by it).
    pub fn number(&mut self, name: &'static str, value: impl Into<Number>) {
        match value.into().0 {
            Exact::Float(number) => (self.sink)(name, Argument::Number(number)),
            Exact::Integer(integer) if integer.unsigned_abs() <= FLOAT_EXACT => {
                // Exact: the integer is within what a float holds.
                #[allow(clippy::cast_precision_loss)]
                let number = integer as f64;
                (self.sink)(name, Argument::Number(number));
            }
            Exact::Integer(integer) => (self.sink)(name, Argument::Text(&integer)),
        }
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
/// converts into one, an integer exactly.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(Exact);

/// The largest integer every smaller one of which a float holds exactly: 2^53.
const FLOAT_EXACT: u128 = 1 << 53;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Exact {
    Float(f64),
    Integer(i128),
}

macro_rules! integers {
    ($($ty:ty)*) => {
        $(
            impl From<$ty> for Number {
                fn from(value: $ty) -> Self {
                    Number(Exact::Integer(i128::from(value)))
                }
            }
        )*
    };
}

integers!(u8 u16 u32 u64 i8 i16 i32 i64 i128);

impl From<usize> for Number {
    fn from(value: usize) -> Self {
        Number(Exact::Integer(i128::try_from(value).unwrap_or(i128::MAX)))
    }
}

impl From<isize> for Number {
    fn from(value: isize) -> Self {
        Number(Exact::Integer(i128::try_from(value).unwrap_or(i128::MAX)))
    }
}

impl From<u128> for Number {
    fn from(value: u128) -> Self {
        // Beyond `i128`, only as a float.
        #[allow(clippy::cast_precision_loss)]
        let float = value as f64;
        Number(i128::try_from(value).map_or(Exact::Float(float), Exact::Integer))
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Self {
        Number(Exact::Float(value))
    }
}

impl From<f32> for Number {
    /// The `f64` of the shortest decimal that reads back as the `f32`: `0.1f32` is `0.1`, as
    /// the declared message shows it, not `0.10000000149011612`.
    fn from(value: f32) -> Self {
        let shortest = value.to_string().parse().unwrap_or(f64::from(value));
        Number(Exact::Float(shortest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passed(value: impl Into<Number>) -> String {
        let mut seen = String::new();
        let mut sink = |_: &'static str, argument: Argument<'_>| seen = format!("{argument:?}");
        Arguments::new(&mut sink).number("n", value);
        seen
    }

    #[test]
    fn a_number_is_passed_exactly() {
        assert_eq!(passed(42_u64), "Number(42.0)");
        assert_eq!(
            passed(9_007_199_254_740_992_u64),
            "Number(9007199254740992.0)"
        );
        assert_eq!(passed(9_007_199_254_740_993_u64), "Text(9007199254740993)");
        assert_eq!(
            passed(-9_007_199_254_740_993_i64),
            "Text(-9007199254740993)"
        );
        assert_eq!(passed(0.1_f32), "Number(0.1)");
        assert_eq!(passed(u128::MAX), "Number(3.402823669209385e38)");
    }
}
