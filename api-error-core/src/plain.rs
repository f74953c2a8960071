//! A detail's value as the text a gRPC status's `ErrorInfo.metadata` holds, written without
//! going through JSON when the value is a string, an integer, a boolean, a character or a
//! unit: [`Text`] writes those directly and gives up, with [`NotText`], on anything else, for
//! the caller to take the JSON path. What it writes is what that path gives for the same
//! value: a string (or a character, or a unit variant's name) as it is, unquoted and
//! unescaped; an integer in decimal; `true` or `false`; `null` for a unit or `None`.

use core::fmt::{self, Display, Write as _};

use serde::Serialize;
use serde::ser::{self, Impossible};

/// A serializer whose output is the text of a string, integer, boolean, character or unit.
pub(crate) struct Text;

/// Why [`Text`] gave up: the value is something else (a float, a sequence, a map, a
/// struct...), or its `Serialize` or `Display` failed.
#[derive(Debug)]
pub(crate) struct NotText;

impl Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not a value written as plain text")
    }
}

impl core::error::Error for NotText {}

impl ser::Error for NotText {
    fn custom<T: Display>(_: T) -> Self {
        NotText
    }
}

/// `value` as the text [`Text`] writes, or `None` when it gives up (and the JSON path is to
/// write it).
#[inline]
pub(crate) fn text<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    value.serialize(Text).ok()
}

/// `value` in decimal, with a `-` before it when `negative`.
fn decimal(mut value: u64, negative: bool) -> String {
    // u64::MAX has 20 digits, and i64::MIN 19 and a sign.
    let mut digits = [0_u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        // The remainder is below 10, so it is one digit.
        digits[start] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    if negative {
        start -= 1;
        digits[start] = b'-';
    }
    let digits = &digits[start..];
    let mut text = String::with_capacity(digits.len());
    for &digit in digits {
        // Every byte is ASCII: saying so spares `push` its test for a longer character.
        text.push(char::from(digit & 0x7f));
    }
    text
}

/// A signed integer in decimal.
fn signed(value: i64) -> String {
    decimal(value.unsigned_abs(), value < 0)
}

impl ser::Serializer for Text {
    type Ok = String;
    type Error = NotText;
    type SerializeSeq = Impossible<String, NotText>;
    type SerializeTuple = Impossible<String, NotText>;
    type SerializeTupleStruct = Impossible<String, NotText>;
    type SerializeTupleVariant = Impossible<String, NotText>;
    type SerializeMap = Impossible<String, NotText>;
    type SerializeStruct = Impossible<String, NotText>;
    type SerializeStructVariant = Impossible<String, NotText>;

    fn serialize_bool(self, v: bool) -> Result<String, NotText> {
        Ok(if v { "true" } else { "false" }.to_owned())
    }

    fn serialize_i8(self, v: i8) -> Result<String, NotText> {
        Ok(signed(v.into()))
    }

    fn serialize_i16(self, v: i16) -> Result<String, NotText> {
        Ok(signed(v.into()))
    }

    fn serialize_i32(self, v: i32) -> Result<String, NotText> {
        Ok(signed(v.into()))
    }

    fn serialize_i64(self, v: i64) -> Result<String, NotText> {
        Ok(signed(v))
    }

    fn serialize_u8(self, v: u8) -> Result<String, NotText> {
        Ok(decimal(v.into(), false))
    }

    fn serialize_u16(self, v: u16) -> Result<String, NotText> {
        Ok(decimal(v.into(), false))
    }

    fn serialize_u32(self, v: u32) -> Result<String, NotText> {
        Ok(decimal(v.into(), false))
    }

    fn serialize_u64(self, v: u64) -> Result<String, NotText> {
        Ok(decimal(v, false))
    }

    // 128-bit integers are rare in details: the JSON path writes them.

    fn serialize_f32(self, _: f32) -> Result<String, NotText> {
        Err(NotText)
    }

    fn serialize_f64(self, _: f64) -> Result<String, NotText> {
        Err(NotText)
    }

    fn serialize_char(self, v: char) -> Result<String, NotText> {
        Ok(v.into())
    }

    fn serialize_str(self, v: &str) -> Result<String, NotText> {
        Ok(v.to_owned())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<String, NotText> {
        Err(NotText)
    }

    fn serialize_none(self) -> Result<String, NotText> {
        Ok("null".to_owned())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<String, NotText> {
        // JSON writes `Some(value)` as `value`.
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<String, NotText> {
        Ok("null".to_owned())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<String, NotText> {
        Ok("null".to_owned())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String, NotText> {
        // JSON writes a unit variant as its name, a string.
        Ok(variant.to_owned())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, NotText> {
        // JSON writes a newtype as what it wraps.
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, NotText> {
        Err(NotText)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotText> {
        Err(NotText)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotText> {
        Err(NotText)
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotText> {
        Err(NotText)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotText> {
        Err(NotText)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotText> {
        Err(NotText)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotText> {
        Err(NotText)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotText> {
        Err(NotText)
    }

    fn collect_str<T: ?Sized + Display>(self, value: &T) -> Result<String, NotText> {
        // Written once, where the default would write it and then copy it.
        let mut text = String::new();
        write!(text, "{value}").map_err(|_| NotText)?;
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Id(u32);

    #[derive(Serialize)]
    #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
    enum State {
        OnHold,
        #[allow(dead_code)]
        Other(u8),
    }

    #[test]
    fn a_string_is_itself_unescaped() {
        assert_eq!(text("ord_1").as_deref(), Some("ord_1"));
        assert_eq!(
            text("a \"quoted\"\\ line\n").as_deref(),
            Some("a \"quoted\"\\ line\n")
        );
        assert_eq!(text("").as_deref(), Some(""));
        assert_eq!(text(&String::from("é…")).as_deref(), Some("é…"));
        assert_eq!(text(&'x').as_deref(), Some("x"));
        assert_eq!(text(&'"').as_deref(), Some("\""));
    }

    #[test]
    fn an_integer_is_its_decimal() {
        assert_eq!(text(&42_u64).as_deref(), Some("42"));
        assert_eq!(text(&0_u8).as_deref(), Some("0"));
        assert_eq!(text(&u64::MAX).as_deref(), Some("18446744073709551615"));
        assert_eq!(text(&i64::MIN).as_deref(), Some("-9223372036854775808"));
        assert_eq!(text(&i64::MAX).as_deref(), Some("9223372036854775807"));
        assert_eq!(text(&-1_i8).as_deref(), Some("-1"));
        assert_eq!(text(&i16::MIN).as_deref(), Some("-32768"));
        assert_eq!(text(&u32::MAX).as_deref(), Some("4294967295"));
        for n in [0_i64, 7, -7, 10, -10, 99, 100, 1_000_000, -123_456_789] {
            assert_eq!(text(&n), Some(n.to_string()));
        }
    }

    #[test]
    fn a_boolean_a_unit_and_an_option_are_their_json() {
        assert_eq!(text(&true).as_deref(), Some("true"));
        assert_eq!(text(&false).as_deref(), Some("false"));
        assert_eq!(text(&()).as_deref(), Some("null"));
        assert_eq!(text(&Unit).as_deref(), Some("null"));
        assert_eq!(text(&Option::<u8>::None).as_deref(), Some("null"));
        assert_eq!(text(&Some("ord_1")).as_deref(), Some("ord_1"));
    }

    #[test]
    fn a_newtype_is_what_it_wraps_and_a_unit_variant_its_name() {
        assert_eq!(text(&Id(7)).as_deref(), Some("7"));
        assert_eq!(text(&State::OnHold).as_deref(), Some("ON_HOLD"));
    }

    /// A value that serializes by its `Display`, as many identifiers and timestamps do.
    struct Shown(u16);

    impl Serialize for Shown {
        fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.collect_str(&format_args!("v{}", self.0))
        }
    }

    #[test]
    fn a_value_written_by_display_is_its_text() {
        assert_eq!(text(&Shown(3)).as_deref(), Some("v3"));
        let address = std::net::Ipv4Addr::new(192, 0, 2, 1);
        assert_eq!(text(&address).as_deref(), Some("192.0.2.1"));
    }

    #[test]
    fn anything_else_gives_up() {
        assert!(text(&1.5_f64).is_none());
        assert!(text(&1.5_f32).is_none());
        assert!(text(&u128::MAX).is_none());
        assert!(text(&vec![1, 2]).is_none());
        assert!(text(&(1, 2)).is_none());
        assert!(text(&State::Other(1)).is_none());
        assert!(text(&std::collections::BTreeMap::from([("a", 1)])).is_none());
        assert!(text(&Some(vec![1])).is_none());
    }
}
