//! JSON string escaping at run time, exactly as `serde_json` escapes, with the table and the
//! escapes of `api_error_rules` (which also writes the bodies built when the program is).

use core::fmt;

// How `serde_json` writes a byte inside a string: itself, a two-byte escape, or `\u00XX`; the
// table the derive writes static bodies with.
use api_error_rules::{escaped, json_escape as escape};

/// Writes what it is given as the contents of a JSON string.
pub(crate) struct Escaping<'a>(pub(crate) &'a mut Vec<u8>);

impl fmt::Write for Escaping<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        push_escaped(self.0, text.as_bytes());
        Ok(())
    }
}

/// Which bytes [`escape`] changes, looked up rather than matched on the hot path.
const NEEDS_ESCAPE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        // `byte` < 256, so the cast keeps its value.
        #[allow(clippy::cast_possible_truncation)]
        let needs = escape(byte as u8).is_some();
        table[byte] = needs;
        byte += 1;
    }
    table
};

/// Appends `text` escaped as [`escape`] says, copying the runs that need no escape whole.
pub(crate) fn push_escaped(buffer: &mut Vec<u8>, text: &[u8]) {
    let mut rest = text;
    while let Some(at) = first_to_escape(rest) {
        buffer.extend_from_slice(&rest[..at]);
        let (escaped, len) = escaped(rest[at]);
        buffer.extend_from_slice(&escaped[..len]);
        rest = &rest[at + 1..];
    }
    buffer.extend_from_slice(rest);
}

/// Whether `text` needs no escaping inside a JSON string.
pub(crate) fn is_plain(text: &[u8]) -> bool {
    // Asked once a text, at start-up: a plain loop, which leaves `first_to_escape` to the one
    // caller it is inlined into.
    !text.iter().any(|&byte| NEEDS_ESCAPE[usize::from(byte)])
}

/// Where the first byte of `text` that needs escaping is: eight bytes at a time, each word
/// tested at once for a control character, a quote or a backslash, and the word that has one
/// searched byte by byte.
fn first_to_escape(text: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // A byte of `word` below `n` (for `n` up to 0x80) sets its high bit in the result.
    let below = |word: u64, n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS;
    let find = |bytes: &[u8]| {
        bytes
            .iter()
            .position(|&byte| NEEDS_ESCAPE[usize::from(byte)])
    };
    let mut at = 0;
    let mut words = text.chunks_exact(8);
    for chunk in &mut words {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(bytes);
        let quote = word ^ (ONES * u64::from(b'"'));
        let backslash = word ^ (ONES * u64::from(b'\\'));
        if below(word, 0x20) | below(quote, 1) | below(backslash, 1) != 0
            && let Some(i) = find(chunk)
        {
            return Some(at + i);
        }
        at += 8;
    }
    find(words.remainder()).map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_search_finds_what_the_byte_search_finds() {
        let naive = |text: &[u8]| text.iter().position(|&b| NEEDS_ESCAPE[usize::from(b)]);
        for byte in 0..=u8::MAX {
            for at in 0..24 {
                for len in at + 1..at + 18 {
                    let mut text = vec![b'a'; len];
                    text[at] = byte;
                    // Bytes around it that are close to the ones searched for.
                    if at > 0 {
                        text[at - 1] = 0x20;
                    }
                    assert_eq!(
                        first_to_escape(&text),
                        naive(&text),
                        "{byte:#x} at {at} of {len}"
                    );
                }
            }
        }
        let mixed = "é€😀\u{7f}\"x".as_bytes();
        assert_eq!(first_to_escape(mixed), naive(mixed));
    }
}
