//! The names details take as extension members of problem details, a pure function of the
//! declared names, worked out without allocating: a name is its declared text and a count of
//! prefixes, written out only into the body. The derive works out the names of each case's
//! details when it expands, the runtime those of errors written by hand, both here.

use alloc::borrow::Cow;
use alloc::vec::Vec;

/// The members of a problem details object that RFC 9457 defines, with `code`, which this
/// crate adds to every body, the other members the core's `ErrorBody` reads, and the field
/// violations' (`errors`, `violations`, `violations_omitted`), so that a client reads problem details back
/// whatever their details are called.
pub const RESERVED: [&str; 12] = [
    "type",
    "title",
    "status",
    "detail",
    "instance",
    "code",
    "message",
    "details",
    "request_id",
    "errors",
    "violations",
    "violations_omitted",
];

/// Whether `name` is one of [`RESERVED`], matched by the compiler's string `match`.
fn reserved(name: &str) -> bool {
    let taken = matches!(
        name,
        "type"
            | "title"
            | "status"
            | "detail"
            | "instance"
            | "code"
            | "message"
            | "details"
            | "request_id"
            | "errors"
            | "violations"
            | "violations_omitted"
    );
    debug_assert_eq!(taken, RESERVED.contains(&name));
    taken
}

/// What a name that breaks a rule, or is taken, is prefixed with.
const PREFIX: &str = "detail_";

/// A detail's member name: `prefixes` times `detail_`, then the declared name with every
/// character other than ASCII letters, digits and `_` written as `_`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Member<'a> {
    name: &'a str,
    prefixes: usize,
    /// Whether every character of `name` is an ASCII letter, digit or `_`.
    fits: bool,
}

/// Whether a byte may stand in an extension member's name as it is.
fn fits(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// A character as it stands in an extension member's name.
fn sanitized(c: char) -> char {
    match u8::try_from(c) {
        Ok(byte) if fits(byte) => c,
        _ => '_',
    }
}

impl<'a> Member<'a> {
    /// The member a detail called `name` becomes on its own, before other details are seen.
    #[must_use]
    pub fn of(name: &'a str) -> Self {
        let fits = name.bytes().all(fits);
        let plain = Member {
            name,
            prefixes: 0,
            fits,
        };
        let starts_with_letter = name.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
        // A name that fits is ASCII: its length is its bytes'.
        let (long_enough, taken) = if fits {
            (name.len() >= 3, reserved(name))
        } else {
            let taken = RESERVED.iter().any(|reserved| plain.is(reserved));
            (name.chars().count() >= 3, taken)
        };
        Member {
            prefixes: usize::from(!starts_with_letter || !long_enough || taken),
            ..plain
        }
    }

    /// The characters of the member's name.
    fn chars(self) -> impl Iterator<Item = char> + Clone + 'a {
        core::iter::repeat_n(PREFIX, self.prefixes)
            .flat_map(str::chars)
            .chain(self.name.chars().map(sanitized))
    }

    fn is(self, text: &str) -> bool {
        self.chars().eq(text.chars())
    }

    fn same(self, other: Member<'_>) -> bool {
        if self.unchanged() && other.unchanged() {
            self.name == other.name
        } else {
            self.len() == other.len() && self.chars().eq(other.chars())
        }
    }

    /// The length of the member's name, in characters.
    fn len(self) -> usize {
        let name = if self.fits {
            self.name.len()
        } else {
            self.name.chars().count()
        };
        self.prefixes * PREFIX.len() + name
    }

    /// Whether the member's name is the declared one, unchanged.
    fn unchanged(self) -> bool {
        self.fits && self.prefixes == 0
    }

    /// Appends the member's name, which never needs escaping: it is letters, digits and `_`.
    pub fn push(self, buffer: &mut Vec<u8>) {
        for _ in 0..self.prefixes {
            buffer.extend_from_slice(PREFIX.as_bytes());
        }
        if self.fits {
            buffer.extend_from_slice(self.name.as_bytes());
        } else {
            // Every sanitized character is ASCII.
            buffer.extend(
                self.name
                    .chars()
                    .map(|c| u8::try_from(sanitized(c)).unwrap_or(b'_')),
            );
        }
    }

    /// The member's name as a string.
    #[must_use]
    pub fn text(self) -> Cow<'a, str> {
        if self.unchanged() {
            Cow::Borrowed(self.name)
        } else {
            Cow::Owned(self.chars().collect())
        }
    }
}

/// How many members [`MemberNames`] keeps without allocating.
const KEPT: usize = 8;

/// The member names of an error's details in order, each once: two details that come to one
/// name (`id` and `detail_id`) are told apart by prefixing the later one again.
pub struct MemberNames<'a> {
    kept: [Member<'a>; KEPT],
    len: usize,
    more: Vec<Member<'a>>,
}

impl<'a> MemberNames<'a> {
    /// No names yet.
    #[must_use]
    pub fn new() -> Self {
        MemberNames {
            kept: [Member::default(); KEPT],
            len: 0,
            more: Vec::new(),
        }
    }

    /// The member of the next detail, called `name`, which is added to those seen.
    pub fn next(&mut self, name: &'a str) -> Member<'a> {
        let mut member = Member::of(name);
        while self.has(member) {
            member.prefixes += 1;
        }
        self.keep(member);
        member
    }

    /// Adds a member named before, all of whose names were worked out by [`MemberNames::next`]
    /// in order (by `#[derive(ApiError)]`, when it expanded), to those seen: `name` is its name
    /// as written, letters, digits and `_`.
    pub fn named(&mut self, name: &'a str) {
        self.keep(Member {
            name,
            prefixes: 0,
            fits: true,
        });
    }

    fn keep(&mut self, member: Member<'a>) {
        if self.len < KEPT {
            self.kept[self.len] = member;
            self.len += 1;
        } else {
            self.more.push(member);
        }
    }

    fn iter(&self) -> impl Iterator<Item = Member<'a>> + '_ {
        self.kept[..self.len].iter().chain(&self.more).copied()
    }

    /// Whether a member so far has the name `member` has.
    fn has(&self, member: Member<'_>) -> bool {
        self.iter().any(|earlier| earlier.same(member))
    }
}

impl Default for MemberNames<'_> {
    fn default() -> Self {
        MemberNames::new()
    }
}
