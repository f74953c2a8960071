//! The catalog entries a derived type knows whole, packed into one string that the derive
//! writes and the runtime reads when a catalog is asked for: fields end with `\x1f`, entries
//! with `\x1e`, a list's names are separated by `\x1d`, and an optional text is `+` and the
//! text, or nothing. A text that holds one of these marks is not packed.

use alloc::string::String;

/// The marks the packing uses, which a packed text may not hold.
const MARKS: [char; 3] = ['\x1d', '\x1e', '\x1f'];

/// One entry: as the derive packs it, each list a slice of names; as the runtime reads it
/// back, each list its names joined by `\x1d` (see [`names`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a, L = &'a [&'a str]> {
    /// The variant, or `None` for a struct.
    pub variant: Option<&'a str>,
    /// The code.
    pub code: &'a str,
    /// The status, a number the derive has checked.
    pub status: u16,
    /// The message template, or `None` for the reason phrase.
    pub message: Option<&'a str>,
    /// The first paragraph of the doc comment.
    pub summary: Option<&'a str>,
    /// The names of the details, of the headers and of what a translation is passed.
    pub lists: [L; 3],
}

/// `entry`, packed; `None` when one of its texts holds a mark (a name or a code never does),
/// which the derive then lists as an expression.
#[must_use]
pub fn entry(entry: &Entry<'_>) -> Option<String> {
    let plain = |text: &str| !text.contains(MARKS);
    let texts = [
        entry.variant,
        Some(entry.code),
        entry.message,
        entry.summary,
    ];
    let names = entry.lists.iter().flat_map(|list| list.iter());
    if !texts.iter().flatten().all(|text| plain(text)) || !names.clone().all(|name| plain(name)) {
        return None;
    }
    let mut out = String::new();
    let optional = |out: &mut String, text: Option<&str>| {
        if let Some(text) = text {
            out.push('+');
            out.push_str(text);
        }
        out.push('\x1f');
    };
    optional(&mut out, entry.variant);
    out.push_str(entry.code);
    out.push('\x1f');
    // A status is 3 digits.
    let status = entry.status;
    for digit in [status / 100, status / 10 % 10, status % 10] {
        out.push(char::from(b'0' + (digit % 10) as u8));
    }
    out.push('\x1f');
    optional(&mut out, entry.message);
    optional(&mut out, entry.summary);
    for (index, list) in entry.lists.iter().enumerate() {
        for (at, name) in list.iter().enumerate() {
            if at > 0 {
                out.push('\x1d');
            }
            out.push_str(name);
        }
        out.push(if index == 2 { '\x1e' } else { '\x1f' });
    }
    Some(out)
}

/// One entry as the runtime reads it back.
pub type Unpacked<'a> = Entry<'a, &'a str>;

/// Every entry of `packed`, in order; what does not read as an entry (never written by
/// [`entry`]) ends the reading.
pub fn entries(packed: &str) -> impl Iterator<Item = Unpacked<'_>> {
    packed.split_terminator('\x1e').map_while(|entry| {
        let mut fields = entry.split('\x1f');
        let mut next = || fields.next();
        let variant = optional(next()?);
        let code = next()?;
        let status = next()?.parse().ok()?;
        let message = optional(next()?);
        let summary = optional(next()?);
        let lists = [next()?, next()?, next()?];
        Some(Unpacked {
            variant,
            code,
            status,
            message,
            summary,
            lists,
        })
    })
}

/// An optional text: `+` and the text, or nothing.
fn optional(field: &str) -> Option<&str> {
    field.strip_prefix('+')
}

/// The names of a list of an [`Unpacked`] entry.
pub fn names(list: &str) -> impl Iterator<Item = &str> {
    list.split('\x1d').filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::{Entry, Unpacked, entries, entry, names};
    use alloc::string::String;
    use alloc::vec::Vec;

    #[test]
    fn what_is_packed_reads_back() {
        let written: [Entry<'_>; 2] = [
            Entry {
                variant: Some("NotFound"),
                code: "ORDER_NOT_FOUND",
                status: 404,
                message: Some("Order {id} not found"),
                summary: None,
                lists: [&["id"], &[], &["id"]],
            },
            Entry {
                variant: None,
                code: "E",
                status: 503,
                message: Some(""),
                summary: Some("+ a plus first, and\\ntwo lines"),
                lists: [&["a", "b"], &["retry-after"], &[]],
            },
        ];
        let packed: String = written.iter().map(|e| entry(e).unwrap()).collect();
        let read: Vec<Unpacked<'_>> = entries(&packed).collect();
        assert_eq!(read.len(), 2);
        for (read, written) in read.iter().zip(&written) {
            assert_eq!(read.variant, written.variant);
            assert_eq!(read.code, written.code);
            assert_eq!(read.status, written.status);
            assert_eq!(read.message, written.message);
            assert_eq!(read.summary, written.summary);
            for (list, names_written) in read.lists.iter().zip(written.lists) {
                assert_eq!(names(list).collect::<Vec<_>>(), names_written);
            }
        }
    }

    #[test]
    fn a_text_with_a_mark_is_not_packed() {
        let mut one: Entry<'_> = Entry {
            variant: None,
            code: "E",
            status: 400,
            message: Some("a \x1e b"),
            summary: None,
            lists: [&[], &[], &[]],
        };
        assert_eq!(entry(&one), None);
        one.message = None;
        assert!(entry(&one).is_some());
    }
}
