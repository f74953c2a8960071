//! Field violations: what is wrong with each part of a request, where it is and why, so that
//! one answer lists every problem. The model names no format: each renderer writes them in its
//! own convention, and a localizer words their messages by their reason codes.
//!
//! ```
//! use api_error_core::violation::{reason, Location, Pointer, Violation, Violations};
//!
//! let mut violations = Violations::new();
//! violations.push(Violation::new(Pointer::root().key("type"), reason::REQUIRED, "Is required"));
//! violations.push(
//!     Violation::new(Pointer::root().key("items").index(0).key("quantity"), reason::RANGE,
//!         "Must be between 1 and 100")
//!     .with_param("min", 1)
//!     .with_param("max", 100),
//! );
//! violations.push(Violation::new(Location::query("limit"), reason::TYPE, "Must be a number"));
//!
//! assert_eq!(violations.len(), 3);
//! let quantity = violations.iter().nth(1).unwrap();
//! assert_eq!(quantity.location().to_string(), "/items/0/quantity");
//! assert_eq!(quantity.location().field_path().to_string(), "items[0].quantity");
//! ```

use core::fmt;
use std::borrow::Cow;

pub(crate) mod serde_text;

/// The reason codes this crate's own sources of violations give. A violation's reason is any
/// string: these are the common ones, so that clients of every service read the same words.
pub mod reason {
    /// A required member or parameter is missing.
    pub const REQUIRED: &str = "required";
    /// A value is of the wrong type (a string where a number goes).
    pub const TYPE: &str = "type";
    /// A value is not one of those allowed (an unknown variant of an enum).
    pub const ENUM: &str = "enum";
    /// A string's or a list's length is out of bounds (`min`, `max`).
    pub const LENGTH: &str = "length";
    /// A number is out of bounds (`min`, `max`).
    pub const RANGE: &str = "range";
    /// A string does not have the form asked for (an email, a pattern, a date).
    pub const FORMAT: &str = "format";
    /// A member that the request may not have.
    pub const UNKNOWN_FIELD: &str = "unknown_field";
    /// A body that is not well-formed: the location is where reading stopped.
    pub const SYNTAX: &str = "syntax";
    /// Any other reason.
    pub const INVALID: &str = "invalid";

    /// Every reason above, each of which a service whose errors carry violations translates.
    pub const ALL: [&str; 9] = [
        REQUIRED,
        TYPE,
        ENUM,
        LENGTH,
        RANGE,
        FORMAT,
        UNKNOWN_FIELD,
        SYNTAX,
        INVALID,
    ];
}

/// The longest a violation's message is, in bytes: a longer one is cut at a character and ends
/// with `…`.
pub const MESSAGE_MAX: usize = 256;

/// The longest a [`Pointer`] is, written as RFC 6901 says, in bytes: a segment that would take
/// it past this is left off, and the pointer stays at the deepest member that fits.
pub const POINTER_MAX: usize = 256;

/// The longest a parameter's or a header's name is, in bytes (cut at a character).
pub const NAME_MAX: usize = 128;

/// The longest a reason code is, in bytes (cut at a character): what `google.rpc.BadRequest`
/// allows its `reason`.
pub const REASON_MAX: usize = 63;

/// The most parameters a violation keeps; later ones are left off.
pub const PARAMS_MAX: usize = 8;

/// The longest a parameter's text value is, in bytes (cut at a character, with `…`).
pub const PARAM_TEXT_MAX: usize = 256;

/// How many violations [`Violations::new`] lists before it only counts them.
pub const DEFAULT_LIMIT: usize = 20;

/// The mark that ends text cut short.
const ELLIPSIS: &str = "…";

/// `text` cut to at most `max` bytes at a character's end, with `…` when it was cut and
/// `ellipsis` asks for one (within the `max`).
pub(crate) fn capped(text: Cow<'_, str>, max: usize, ellipsis: bool) -> Cow<'_, str> {
    if text.len() <= max {
        return text;
    }
    let room = if ellipsis {
        max.saturating_sub(ELLIPSIS.len())
    } else {
        max
    };
    let mut end = room;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut cut = String::with_capacity(end + ELLIPSIS.len());
    cut.push_str(&text[..end]);
    if ellipsis {
        cut.push_str(ELLIPSIS);
    }
    Cow::Owned(cut)
}

/// One step of a [`Pointer`]: an object's member or a list's item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An object's member, by its name as the client wrote it.
    Key(Box<str>),
    /// A list's item, from 0.
    Index(usize),
}

/// Where a value is in a JSON body, as RFC 6901 has it: the segments from the root. Written
/// with [`Display`](fmt::Display) as a JSON Pointer (`/items/0/quantity`, `~` and `/` in a
/// name escaped as `~0` and `~1`), with [`fragment`](Self::fragment) as a URI fragment
/// (`#/items/0/quantity`), and with [`field_path`](Self::field_path) as the field path gRPC
/// clients read (`items[0].quantity`).
///
/// Bounded: a segment that would make the pointer longer than [`POINTER_MAX`] is left off, with
/// every one after it, so that a pointer built from a hostile body points at the deepest member
/// that fits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pointer {
    segments: Vec<Segment>,
    /// The length of the pointer as RFC 6901 writes it.
    len: usize,
    cut: bool,
}

impl Pointer {
    /// The whole body, the empty pointer.
    #[must_use]
    pub const fn root() -> Self {
        Pointer {
            segments: Vec::new(),
            len: 0,
            cut: false,
        }
    }

    /// This pointer, one member deeper.
    #[must_use]
    pub fn key(mut self, name: impl Into<Box<str>>) -> Self {
        self.push(Segment::Key(name.into()));
        self
    }

    /// This pointer, one list item deeper.
    #[must_use]
    pub fn index(mut self, index: usize) -> Self {
        self.push(Segment::Index(index));
        self
    }

    /// Goes one segment deeper, unless that would take the pointer past [`POINTER_MAX`] or a
    /// segment before was left off; tells whether it did.
    pub fn push(&mut self, segment: Segment) -> bool {
        let len = match &segment {
            Segment::Key(name) => name.len() + name.matches(['~', '/']).count(),
            Segment::Index(index) => itoa::Buffer::new().format(*index).len(),
        };
        if self.cut || self.len + 1 + len > POINTER_MAX {
            self.cut = true;
            return false;
        }
        self.len += 1 + len;
        self.segments.push(segment);
        true
    }

    /// The pointer a field path names, as [`field_path`](Self::field_path) writes one and
    /// validation crates and serde report places (`items[0].quantity`; `.` or nothing for the
    /// root): members between `.`, items as `[0]`. A member whose name holds `.` or `[` is
    /// read as more than one segment.
    ///
    /// ```
    /// use api_error_core::violation::Pointer;
    ///
    /// let pointer = Pointer::from_field_path("items[0].quantity");
    /// assert_eq!(pointer, Pointer::root().key("items").index(0).key("quantity"));
    /// assert_eq!(Pointer::from_field_path("."), Pointer::root());
    /// ```
    #[must_use]
    pub fn from_field_path(path: &str) -> Self {
        let mut pointer = Pointer::root();
        if path == "." {
            return pointer;
        }
        for part in path.split('.') {
            let (name, mut items) = match part.find('[') {
                Some(at) => (&part[..at], &part[at..]),
                None => (part, ""),
            };
            if !name.is_empty() {
                pointer.push(Segment::Key(name.into()));
            }
            while let Some(rest) = items.strip_prefix('[') {
                let Some((index, after)) = rest.split_once(']') else {
                    break;
                };
                pointer.push(match index.parse() {
                    Ok(index) => Segment::Index(index),
                    Err(_) => Segment::Key(index.into()),
                });
                items = after;
            }
        }
        pointer
    }

    /// The pointer RFC 6901 writes as `text` (`/items/0/quantity`, `~1` for `/` and `~0`
    /// for `~` in a name), or as a URI fragment (`#/items/0/quantity`, percent-encoded); a
    /// segment of digits alone is read as a list's item. `None` for text that is neither.
    ///
    /// ```
    /// use api_error_core::violation::Pointer;
    ///
    /// let pointer = Pointer::root().key("a/b").index(0);
    /// assert_eq!(Pointer::parse(&pointer.to_string()), Some(pointer.clone()));
    /// let fragment = pointer.fragment().to_string();
    /// assert_eq!(Pointer::parse(&fragment), Some(pointer));
    /// assert_eq!(Pointer::parse("items"), None);
    /// ```
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let decoded;
        let text = match text.strip_prefix('#') {
            Some(fragment) => {
                decoded = percent_encoding::percent_decode_str(fragment)
                    .decode_utf8()
                    .ok()?;
                &*decoded
            }
            None => text,
        };
        let mut pointer = Pointer::root();
        if text.is_empty() {
            return Some(pointer);
        }
        for segment in text.strip_prefix('/')?.split('/') {
            let is_index = !segment.is_empty()
                && segment.bytes().all(|b| b.is_ascii_digit())
                && (segment == "0" || !segment.starts_with('0'));
            pointer.push(match segment.parse() {
                Ok(index) if is_index => Segment::Index(index),
                _ => Segment::Key(segment.replace("~1", "/").replace("~0", "~").into()),
            });
        }
        Some(pointer)
    }

    /// The segments, from the root.
    #[must_use]
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Whether a segment was left off for the pointer's length.
    #[must_use]
    pub fn is_cut(&self) -> bool {
        self.cut
    }

    /// The pointer as a URI fragment, as RFC 9457's examples write a member's place:
    /// `#/items/0/quantity`, with what a fragment cannot hold percent-encoded.
    #[must_use]
    pub fn fragment(&self) -> impl fmt::Display + '_ {
        Fragment(self)
    }

    /// The pointer as a gRPC client reads a field: members joined by `.`, items as `[0]`.
    #[must_use]
    pub fn field_path(&self) -> impl fmt::Display + '_ {
        FieldPath(self)
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for segment in &self.segments {
            f.write_str("/")?;
            match segment {
                Segment::Key(name) => {
                    let mut rest = &**name;
                    while let Some(at) = rest.find(['~', '/']) {
                        f.write_str(&rest[..at])?;
                        f.write_str(if rest.as_bytes()[at] == b'~' {
                            "~0"
                        } else {
                            "~1"
                        })?;
                        rest = &rest[at + 1..];
                    }
                    f.write_str(rest)?;
                }
                Segment::Index(index) => f.write_str(itoa::Buffer::new().format(*index))?,
            }
        }
        Ok(())
    }
}

/// What a URI fragment holds as it is (RFC 3986's `pchar`, `/` and `?`); the rest is
/// percent-encoded.
const FRAGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'?');

/// [`Pointer::fragment`].
struct Fragment<'a>(&'a Pointer);

impl fmt::Display for Fragment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// Percent-encodes what goes through it.
        struct Encoding<'a, 'b>(&'a mut fmt::Formatter<'b>);
        impl fmt::Write for Encoding<'_, '_> {
            fn write_str(&mut self, text: &str) -> fmt::Result {
                for piece in percent_encoding::utf8_percent_encode(text, FRAGMENT) {
                    self.0.write_str(piece)?;
                }
                Ok(())
            }
        }
        f.write_str("#")?;
        fmt::write(&mut Encoding(f), format_args!("{}", self.0))
    }
}

/// [`Pointer::field_path`].
struct FieldPath<'a>(&'a Pointer);

impl fmt::Display for FieldPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (at, segment) in self.0.segments.iter().enumerate() {
            match segment {
                Segment::Key(name) => {
                    if at > 0 {
                        f.write_str(".")?;
                    }
                    f.write_str(name)?;
                }
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// Where in a request a violation is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A value in the body, by its pointer; the empty pointer is the whole body.
    Body(Pointer),
    /// A query parameter, by its name.
    Query(Cow<'static, str>),
    /// A path parameter, by the name the route gives it.
    Path(Cow<'static, str>),
    /// A header, by its name.
    Header(Cow<'static, str>),
}

impl Location {
    /// The location with its name within [`NAME_MAX`], however it was made.
    fn bounded(self) -> Self {
        match self {
            Location::Query(name) => Location::query(name),
            Location::Path(name) => Location::path(name),
            Location::Header(name) => Location::header(name),
            body @ Location::Body(_) => body,
        }
    }

    /// The query parameter `name` (at most [`NAME_MAX`] bytes are kept).
    #[must_use]
    pub fn query(name: impl Into<Cow<'static, str>>) -> Self {
        Location::Query(capped(name.into(), NAME_MAX, false))
    }

    /// The path parameter `name` (at most [`NAME_MAX`] bytes are kept).
    #[must_use]
    pub fn path(name: impl Into<Cow<'static, str>>) -> Self {
        Location::Path(capped(name.into(), NAME_MAX, false))
    }

    /// The header `name` (at most [`NAME_MAX`] bytes are kept).
    #[must_use]
    pub fn header(name: impl Into<Cow<'static, str>>) -> Self {
        Location::Header(capped(name.into(), NAME_MAX, false))
    }

    /// Where the location is, as `OpenAPI` names a parameter's place: `body`, `query`, `path`
    /// or `header`.
    #[must_use]
    pub fn place(&self) -> &'static str {
        match self {
            Location::Body(_) => "body",
            Location::Query(_) => "query",
            Location::Path(_) => "path",
            Location::Header(_) => "header",
        }
    }

    /// The name of the parameter or header; `None` for the body.
    #[must_use]
    pub fn name(&self) -> Option<&str> {
        match self {
            Location::Body(_) => None,
            Location::Query(name) | Location::Path(name) | Location::Header(name) => Some(name),
        }
    }

    /// The location as a gRPC client reads a field: the pointer's field path, or the name.
    #[must_use]
    pub fn field_path(&self) -> impl fmt::Display + '_ {
        LocationPath(self)
    }
}

/// [`Location::field_path`].
struct LocationPath<'a>(&'a Location);

impl fmt::Display for LocationPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Location::Body(pointer) => pointer.field_path().fmt(f),
            Location::Query(name) | Location::Path(name) | Location::Header(name) => {
                f.write_str(name)
            }
        }
    }
}

/// The pointer for a body's value, the name for the others.
impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Body(pointer) => pointer.fmt(f),
            Location::Query(name) | Location::Path(name) | Location::Header(name) => {
                f.write_str(name)
            }
        }
    }
}

impl From<Pointer> for Location {
    fn from(pointer: Pointer) -> Self {
        Location::Body(pointer)
    }
}

/// A value a violation's reason has, such as a range's `min`: a client reads it, and a
/// translation of the message shows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Param {
    /// A whole number.
    Integer(i64),
    /// Any other number (a non-finite one is written as `null`).
    Number(f64),
    /// Text (at most [`PARAM_TEXT_MAX`] bytes are kept).
    Text(Cow<'static, str>),
}

macro_rules! param_from_integer {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Param {
            fn from(value: $ty) -> Self {
                Param::Integer(i64::from(value))
            }
        }
    )*};
}
param_from_integer!(i8, i16, i32, i64, u8, u16, u32);

impl From<u64> for Param {
    // Past `i64::MAX`, a number is as near as a float comes.
    #[allow(clippy::cast_precision_loss)]
    fn from(value: u64) -> Self {
        i64::try_from(value).map_or_else(|_| Param::Number(value as f64), Param::Integer)
    }
}

impl From<usize> for Param {
    fn from(value: usize) -> Self {
        Param::from(value as u64)
    }
}

impl From<f64> for Param {
    fn from(value: f64) -> Self {
        Param::Number(value)
    }
}

impl From<&'static str> for Param {
    fn from(value: &'static str) -> Self {
        Param::Text(capped(Cow::Borrowed(value), PARAM_TEXT_MAX, true))
    }
}

impl From<String> for Param {
    fn from(value: String) -> Self {
        Param::Text(capped(Cow::Owned(value), PARAM_TEXT_MAX, true))
    }
}

impl Param {
    /// The parameter with its text within [`PARAM_TEXT_MAX`], however it was made.
    fn bounded(self) -> Self {
        match self {
            Param::Text(text) => Param::Text(capped(text, PARAM_TEXT_MAX, true)),
            number => number,
        }
    }
}

impl serde::Serialize for Param {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Param::Integer(value) => serializer.serialize_i64(*value),
            Param::Number(value) if value.is_finite() => serializer.serialize_f64(*value),
            Param::Number(_) => serializer.serialize_unit(),
            Param::Text(text) => serializer.serialize_str(text),
        }
    }
}

/// One thing wrong with a request: where, why (a stable reason code a client can branch on), a
/// message for people, and the reason's parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    location: Location,
    reason: Cow<'static, str>,
    message: Cow<'static, str>,
    params: Vec<(Cow<'static, str>, Param)>,
}

impl Violation {
    /// A violation at `location` for `reason` (see [`reason`] for the common ones), with the
    /// message shown when no translation words it (at most [`MESSAGE_MAX`] bytes are kept).
    #[must_use]
    pub fn new(
        location: impl Into<Location>,
        reason: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Violation {
            location: location.into().bounded(),
            reason: capped(reason.into(), REASON_MAX, false),
            message: capped(message.into(), MESSAGE_MAX, true),
            params: Vec::new(),
        }
    }

    /// A violation at `location` for `reason`, without parameters, worded in English from it:
    /// `This member is required`.
    #[must_use]
    pub fn of(location: impl Into<Location>, reason: impl Into<Cow<'static, str>>) -> Self {
        Violation::worded(location, reason, core::iter::empty::<(&str, i64)>())
    }

    /// A violation at `location` for `reason` with its parameters, worded in English from
    /// them: `Must be between 1 and 100` for a `range` with `min` and `max`, `Not a valid
    /// email` for a `format` whose `format` is `email`, `This member is required`.
    ///
    /// ```
    /// use api_error_core::violation::{reason, Pointer, Violation};
    ///
    /// let violation = Violation::worded(
    ///     Pointer::root().key("quantity"),
    ///     reason::RANGE,
    ///     [("min", 1), ("max", 100)],
    /// );
    /// assert_eq!(violation.message(), "Must be between 1 and 100");
    /// assert_eq!(violation.params().len(), 2);
    /// ```
    #[must_use]
    pub fn worded<N: Into<Cow<'static, str>>, V: Into<Param>>(
        location: impl Into<Location>,
        reason: impl Into<Cow<'static, str>>,
        params: impl IntoIterator<Item = (N, V)>,
    ) -> Self {
        let mut violation = Violation {
            location: location.into().bounded(),
            reason: capped(reason.into(), REASON_MAX, false),
            message: Cow::Borrowed(""),
            params: Vec::new(),
        };
        for (name, value) in params {
            violation = violation.with_param(name, value);
        }
        violation.message = capped(
            english(&violation.reason, &violation.params).into(),
            MESSAGE_MAX,
            true,
        );
        violation
    }

    /// The violation with the parameter `name` of its reason (a range's `min`), in place of
    /// one of the same name; past [`PARAMS_MAX`] parameters, it is left off.
    #[must_use]
    pub fn with_param(
        mut self,
        name: impl Into<Cow<'static, str>>,
        value: impl Into<Param>,
    ) -> Self {
        let name = capped(name.into(), NAME_MAX, false);
        let value = value.into().bounded();
        if let Some(given) = self.params.iter_mut().find(|(given, _)| *given == name) {
            given.1 = value;
        } else if self.params.len() < PARAMS_MAX {
            self.params.push((name, value));
        }
        self
    }

    /// Where the violation is.
    #[must_use]
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Why: its reason code.
    #[must_use]
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The message shown when no translation words it.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The reason's parameters, in the order given.
    #[must_use]
    pub fn params(&self) -> impl ExactSizeIterator<Item = (&str, &Param)> {
        self.params.iter().map(|(name, value)| (&**name, value))
    }
}

/// The violations of one request: at most a limit of them listed, the rest only counted, so
/// that a body with thousands of problems gets an answer of a few kilobytes.
///
/// An error carries them in a field marked `#[api_error(violations)]`, and every format writes
/// them in its own convention.
#[derive(Debug, Clone, PartialEq)]
pub struct Violations {
    listed: Vec<Violation>,
    omitted: usize,
    limit: usize,
}

impl Default for Violations {
    fn default() -> Self {
        Violations::new()
    }
}

impl Violations {
    /// None yet, listing up to [`DEFAULT_LIMIT`].
    #[must_use]
    pub const fn new() -> Self {
        Violations::with_limit(DEFAULT_LIMIT)
    }

    /// None yet, listing up to `limit`.
    #[must_use]
    pub const fn with_limit(limit: usize) -> Self {
        Violations {
            listed: Vec::new(),
            omitted: 0,
            limit,
        }
    }

    /// Adds `violation`: listed while there are fewer than the limit, else counted.
    pub fn push(&mut self, violation: Violation) {
        self.push_with(|| violation);
    }

    /// Adds the violation `make` makes, only while another is listed: past the limit it is
    /// counted without being made, so that a body with thousands of problems costs no more
    /// than the limit's worth of violations.
    pub fn push_with(&mut self, make: impl FnOnce() -> Violation) {
        if self.is_full() {
            self.omitted = self.omitted.saturating_add(1);
        } else {
            self.listed.push(make());
        }
    }

    /// The violations listed, in the order pushed.
    pub fn iter(&self) -> core::slice::Iter<'_, Violation> {
        self.listed.iter()
    }

    /// How many are listed.
    #[must_use]
    pub fn len(&self) -> usize {
        self.listed.len()
    }

    /// Whether there are none at all, listed or counted.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.listed.is_empty() && self.omitted == 0
    }

    /// How many were left out of the list for its limit.
    #[must_use]
    pub fn omitted(&self) -> usize {
        self.omitted
    }

    /// Counts `count` more left out, as a source that stops reading at the limit knows them.
    pub fn add_omitted(&mut self, count: usize) {
        self.omitted = self.omitted.saturating_add(count);
    }

    /// Names every member of every body's pointer by `name`, from the name it has: the Rust
    /// field names a validation crate reports, as the body has them when serde renames them
    /// (`|field| field.to_lower_camel_case()`, say).
    pub fn rename_members(&mut self, name: impl Fn(&str) -> String) {
        for violation in &mut self.listed {
            if let Location::Body(pointer) = &mut violation.location {
                let mut renamed = Pointer::root();
                for segment in pointer.segments.drain(..) {
                    renamed.push(match segment {
                        Segment::Key(key) => Segment::Key(name(&key).into()),
                        index @ Segment::Index(_) => index,
                    });
                }
                // A pointer cut short stays so, renamed.
                renamed.cut |= pointer.cut;
                *pointer = renamed;
            }
        }
    }

    /// How many are listed at the most.
    #[must_use]
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Whether another would only be counted.
    #[must_use]
    pub fn is_full(&self) -> bool {
        self.listed.len() >= self.limit
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = core::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl Extend<Violation> for Violations {
    fn extend<T: IntoIterator<Item = Violation>>(&mut self, iter: T) {
        for violation in iter {
            self.push(violation);
        }
    }
}

impl FromIterator<Violation> for Violations {
    fn from_iter<T: IntoIterator<Item = Violation>>(iter: T) -> Self {
        let mut violations = Violations::new();
        violations.extend(iter);
        violations
    }
}

/// The English message of a violation for `reason` with `params`, for the sources of
/// violations that give a reason and its bounds but no message of their own: `Must be between
/// 1 and 100`.
fn english<N: AsRef<str>>(reason: &str, params: &[(N, Param)]) -> String {
    let find = |wanted: &str| {
        params
            .iter()
            .find(|(name, _)| name.as_ref() == wanted)
            .map(|(_, value)| ParamText(value))
    };
    let (min, max, equal) = (find("min"), find("max"), find("equal"));
    let bounds = |unit: &str| match (min, max, equal) {
        (_, _, Some(equal)) => format!("Must be exactly {equal}{unit}"),
        (Some(min), Some(max), _) => format!("Must be between {min} and {max}{unit}"),
        (Some(min), None, _) => format!("Must be at least {min}{unit}"),
        (None, Some(max), _) => format!("Must be at most {max}{unit}"),
        (None, None, _) => "This value is out of bounds".to_owned(),
    };
    match reason {
        reason::REQUIRED => "This member is required".to_owned(),
        reason::LENGTH => bounds(" in length"),
        reason::RANGE => bounds(""),
        reason::FORMAT => match find("format") {
            Some(format) => format!("Not a valid {format}"),
            None => "This value does not have the form asked for".to_owned(),
        },
        reason::TYPE => "This value is of the wrong type".to_owned(),
        reason::ENUM => "This value is not one of those allowed".to_owned(),
        reason::UNKNOWN_FIELD => "This member is not allowed".to_owned(),
        reason::SYNTAX => "The body is not well-formed here".to_owned(),
        _ => "This value is not valid".to_owned(),
    }
}

/// The Fluent message that words the violations of `reason`: `violation-` and the reason, as a
/// message id (`violation-unknown_field`).
pub(crate) fn message_id(reason: &str) -> String {
    let mut id = String::with_capacity(reason.len() + 10);
    id.push_str("violation-");
    id.push_str(&api_error_rules::fluent::message_id(reason));
    id
}

/// The English message of `reason` as a Fluent pattern for translators, with its parameters as
/// variables: `Must be between { $min } and { $max }`.
pub(crate) fn english_pattern(reason: &str) -> String {
    english_pattern_with(reason, &["min", "max"])
}

/// The English message of `reason` as a Fluent pattern, with `bounds` as variables (for a
/// length or a range).
fn english_pattern_with(reason: &str, bounds: &[&'static str]) -> String {
    let variable = |name: &'static str| (name, Param::Text(Cow::Owned(format!("{{ ${name} }}"))));
    let params: Vec<(&str, Param)> = match reason {
        reason::LENGTH | reason::RANGE => bounds.iter().map(|&bound| variable(bound)).collect(),
        // Without `$format`, which not every violation of a form has: one that lacks a variable
        // its translation names keeps its own message.
        _ => Vec::new(),
    };
    english(reason, &params)
}

/// The attributes of the Fluent message of `reason` that word a violation with one bound
/// (`.min`, `.max`) or an exact one (`.exactly`), each with its English pattern: a length or a
/// range only.
pub(crate) fn english_bound_patterns(reason: &str) -> Vec<(&'static str, String)> {
    if ![reason::LENGTH, reason::RANGE].contains(&reason) {
        return Vec::new();
    }
    [("min", "min"), ("max", "max"), ("exactly", "equal")]
        .into_iter()
        .map(|(attribute, bound)| (attribute, english_pattern_with(reason, &[bound])))
        .collect()
}

/// A parameter's value as a message shows it.
#[derive(Clone, Copy)]
struct ParamText<'a>(&'a Param);

impl fmt::Display for ParamText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Param::Integer(value) => value.fmt(f),
            Param::Number(value) => value.fmt(f),
            Param::Text(text) => f.write_str(text),
        }
    }
}

/// What a request's text was read as, for [`from_serde_text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadAs {
    /// The body (JSON, or a form's).
    Body,
    /// The query string.
    Query,
}

/// The violation the text of a serde error names, for a framework's error layer whose
/// framework reports a body or query string that does not read by serde's message alone
/// (poem's, say): the member serde names (``missing field `type` ``), the place
/// `serde_path_to_error` puts before the message (`items[0].quantity: invalid type: ...`), or
/// where reading stopped (a syntax error), each with its reason. `None` for a text that names
/// no place.
///
/// ```
/// use api_error_core::violation::{ReadAs, from_serde_text};
///
/// let violation = from_serde_text(ReadAs::Query, "duplicate field `limit`").unwrap();
/// assert_eq!(violation.location().to_string(), "limit");
/// assert_eq!(violation.reason(), "invalid");
/// let violation = from_serde_text(ReadAs::Body, "missing field `type` at line 1 column 2").unwrap();
/// assert_eq!((violation.location().to_string().as_str(), violation.reason()), ("/type", "required"));
/// assert!(from_serde_text(ReadAs::Query, "invalid digit found in string").is_none());
/// ```
#[must_use]
pub fn from_serde_text(read_as: ReadAs, text: &str) -> Option<Violation> {
    let source = match read_as {
        ReadAs::Body => serde_text::Source::Body,
        ReadAs::Query => serde_text::Source::Query,
    };
    serde_text::violation(source, text)
}

/// A reason code as `google.rpc.BadRequest` wants it, in upper snake case as AIP-193 writes
/// one (a letter first, no `_` at either end): `range` as `RANGE`, `unknown-field` as
/// `UNKNOWN_FIELD`; one with no letter or digit is `INVALID`.
#[must_use]
pub fn upper_snake(reason: &str) -> String {
    let snake: String = reason
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    let trimmed = snake.trim_matches('_');
    match trimmed.chars().next() {
        None => "INVALID".to_owned(),
        Some(first) if first.is_ascii_digit() => format!("R_{trimmed}"),
        Some(_) => trimmed.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pointer_escapes_tilde_and_slash_as_rfc_6901_says() {
        let pointer = Pointer::root().key("a/b").key("m~n").index(3).key("");
        assert_eq!(pointer.to_string(), "/a~1b/m~0n/3/");
        assert_eq!(Pointer::root().to_string(), "");
    }

    #[test]
    fn a_fragment_percent_encodes_what_a_fragment_cannot_hold() {
        let pointer = Pointer::root().key("c%d").key("e^f").key("é").key("a b");
        assert_eq!(pointer.fragment().to_string(), "#/c%25d/e%5Ef/%C3%A9/a%20b");
        assert_eq!(Pointer::root().key("age").fragment().to_string(), "#/age");
    }

    #[test]
    fn a_field_path_joins_members_with_dots_and_writes_items_in_brackets() {
        let pointer = Pointer::root().key("items").index(1).key("email");
        assert_eq!(pointer.field_path().to_string(), "items[1].email");
        assert_eq!(Pointer::root().index(0).field_path().to_string(), "[0]");
    }

    #[test]
    fn a_field_path_is_read_back_into_members_and_items() {
        let pointer = Pointer::from_field_path("a[0][1].b");
        assert_eq!(
            pointer.segments(),
            [
                Segment::Key("a".into()),
                Segment::Index(0),
                Segment::Index(1),
                Segment::Key("b".into())
            ]
        );
        assert_eq!(pointer.field_path().to_string(), "a[0][1].b");
        assert_eq!(
            Pointer::from_field_path("[2]").segments(),
            [Segment::Index(2)]
        );
        assert!(Pointer::from_field_path("").segments().is_empty());
    }

    #[test]
    fn a_pointer_stops_at_the_deepest_member_that_fits() {
        let long = "x".repeat(200);
        let pointer = Pointer::root()
            .key("a")
            .key(long.as_str())
            .key(long.as_str())
            .key("b");
        assert!(pointer.is_cut());
        assert_eq!(pointer.to_string(), format!("/a/{long}"));
        let escaped = "/".repeat(200);
        let pointer = Pointer::root().key(escaped.as_str());
        assert!(pointer.is_cut(), "each `/` takes two bytes written");
        assert_eq!(pointer.to_string(), "");
    }

    #[test]
    fn violations_past_the_limit_are_counted_not_kept() {
        let mut violations = Violations::with_limit(2);
        for at in 0..150_000 {
            violations.push(Violation::new(
                Pointer::root().key(format!("m{at}")),
                reason::UNKNOWN_FIELD,
                "Unknown member",
            ));
        }
        assert_eq!(violations.len(), 2);
        assert_eq!(violations.omitted(), 149_998);
        assert!(violations.is_full());
    }

    #[test]
    fn long_texts_are_cut_at_a_character() {
        let violation = Violation::new(
            Location::query("é".repeat(100)),
            "r".repeat(100),
            "ü".repeat(200),
        )
        .with_param("pattern", "y".repeat(300));
        assert_eq!(violation.message().len(), MESSAGE_MAX - 1);
        assert!(violation.message().ends_with('…'));
        assert_eq!(violation.reason().len(), REASON_MAX);
        assert_eq!(violation.location().name().map(str::len), Some(NAME_MAX));
        let (_, Param::Text(pattern)) = violation.params().next().unwrap() else {
            panic!("a text parameter")
        };
        assert!(pattern.len() <= PARAM_TEXT_MAX && pattern.ends_with('…'));
    }

    #[test]
    fn a_reason_is_upper_snake_for_grpc() {
        assert_eq!(upper_snake("unknown_field"), "UNKNOWN_FIELD");
        assert_eq!(upper_snake("too-long.x"), "TOO_LONG_X");
        assert_eq!(upper_snake("-x-"), "X");
        assert_eq!(upper_snake("2fa"), "R_2FA");
        assert_eq!(upper_snake("é"), "INVALID");
    }
}
