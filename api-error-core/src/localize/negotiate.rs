//! `Accept-Language` (RFC 9110, 12.5.4) read and matched against the locales a service has,
//! without allocating.
//!
//! Written here rather than taken from a crate: `fluent-langneg`'s parser ignores q-values (it
//! keeps the list's order) and drops `*`, and the `accept-language` crate keeps `q=0` ranges,
//! which mean "not acceptable", and matches tags by exact, case-sensitive string, so `de-CH`
//! never finds `de`. The rules here: ranges by descending q, ties in the header's order;
//! anything that does not parse left out; tags compared without regard to case; a range
//! matched first exactly, then by a locale it is a prefix of (`de` finds `de-DE`), then cut
//! subtag by subtag from the end (`de-CH` finds `de`, RFC 4647 lookup); a `q=0` range refuses
//! the locales it names or is a prefix of, wherever a match comes from; `*` the default, or the
//! first locale not refused when the default is; with nothing accepted, the default. A header
//! (its fields together) longer than [`HEADER_MAX`], its fields past [`FIELDS_MAX`] (where a
//! layer reads them) and its ranges past [`RANGES_MAX`] are not read.

/// The longest header read; a longer one (no browser sends one) answers the default.
pub(crate) const HEADER_MAX: usize = 1024;

/// The most ranges read from a header.
const RANGES_MAX: usize = 16;

/// The most `Accept-Language` fields of one request read; they are one list (RFC 9110, 5.3).
pub(crate) const FIELDS_MAX: usize = 4;

/// The locale a header asks for, among `available` (language tags), by index: `None` for the
/// default, when no range matches, the header only allows `*`, or cannot be read. The header
/// is given as its fields, which are one list; together longer than [`HEADER_MAX`], they are
/// not read. Read as bytes: a range is ASCII, and anything else makes it one that does not
/// parse.
#[inline]
pub(crate) fn negotiate<S: AsRef<[u8]>>(fields: &[&[u8]], available: &[S]) -> Option<usize> {
    // A tag alone, as an explicit choice is given: found without reading a list.
    if let [header] = fields
        && header.len() <= HEADER_MAX
        && let Some(found) = available
            .iter()
            .position(|tag| tag.as_ref().eq_ignore_ascii_case(header))
    {
        return Some(found);
    }
    negotiate_list(fields, available)
}

/// [`negotiate`] of a header that is no tag alone.
#[inline(never)]
fn negotiate_list<S: AsRef<[u8]>>(fields: &[&[u8]], available: &[S]) -> Option<usize> {
    if fields.iter().map(|field| field.len()).sum::<usize>() > HEADER_MAX {
        return None;
    }
    // The ranges read, the acceptable ones (`q` above 0) from the front, those `q=0` excludes
    // from the back.
    let mut ranges: [(&[u8], u16); RANGES_MAX] = [(&[], 0); RANGES_MAX];
    let (mut count, mut excluded) = (0, 0);
    for item in fields.iter().flat_map(|field| field.split(|&b| b == b',')) {
        if count + excluded == RANGES_MAX {
            break;
        }
        match parse_item(item) {
            Some((range, 0)) => {
                excluded += 1;
                ranges[RANGES_MAX - excluded] = (range, 0);
            }
            Some(weighted) => {
                ranges[count] = weighted;
                count += 1;
            }
            None => {}
        }
    }
    let (ranges, refused) = ranges.split_at_mut(RANGES_MAX - excluded);
    let refused = &*refused;
    // A locale `q=0` names, or names a prefix of (`de;q=0` refuses `de-CH`), is not answered.
    let allowed = |index: usize| {
        let tag = available[index].as_ref();
        !refused.iter().any(|&(range, _)| {
            tag.len() >= range.len()
                && tag[..range.len()].eq_ignore_ascii_case(range)
                && (tag.len() == range.len() || tag[range.len()] == b'-')
        })
    };
    let ranges = &mut ranges[..count];
    // An insertion sort, stable (equal weights keep the header's order) and, unlike the
    // standard library's stable sort, sure never to allocate.
    for i in 1..ranges.len() {
        let mut j = i;
        while j > 0 && ranges[j - 1].1 < ranges[j].1 {
            ranges.swap(j - 1, j);
            j -= 1;
        }
    }
    for &(range, _) in &*ranges {
        // Any language: the default, unless it is refused, and then the first that is not.
        if range == b"*" {
            return (0..available.len())
                .find(|&index| allowed(index))
                .filter(|&index| index != 0);
        }
        if let Some(found) = lookup(range, available, &allowed) {
            return Some(found);
        }
    }
    // Nothing the header accepts: the default, whatever it said of it.
    None
}

/// The locale `range` finds among those `allowed`: one equal to it, else one it is a prefix
/// of, else one equal to it cut at a `-`, the longest first.
fn lookup<S: AsRef<[u8]>>(
    range: &[u8],
    available: &[S],
    allowed: &impl Fn(usize) -> bool,
) -> Option<usize> {
    if let Some(found) = find(available, allowed, |tag| tag.eq_ignore_ascii_case(range)) {
        return Some(found);
    }
    let narrower = find(available, allowed, |tag| {
        tag.len() > range.len()
            && tag[range.len()] == b'-'
            && tag[..range.len()].eq_ignore_ascii_case(range)
    });
    if narrower.is_some() {
        return narrower;
    }
    let mut cut = range;
    while let Some(at) = cut.iter().rposition(|&b| b == b'-') {
        cut = &cut[..at];
        // A single-letter subtag (`x` of a private use, say) goes with what follows it.
        if cut.len() >= 2 && cut[cut.len() - 2] == b'-' {
            cut = &cut[..cut.len() - 2];
        }
        if let Some(found) = find(available, allowed, |tag| tag.eq_ignore_ascii_case(cut)) {
            return Some(found);
        }
    }
    None
}

/// The first locale among `available` that `matches` and is `allowed`.
fn find<S: AsRef<[u8]>>(
    available: &[S],
    allowed: &impl Fn(usize) -> bool,
    matches: impl Fn(&[u8]) -> bool,
) -> Option<usize> {
    available
        .iter()
        .position(|tag| matches(tag.as_ref()))
        .filter(|&index| allowed(index))
        .or_else(|| {
            // A refused locale matched first: look past it.
            (0..available.len()).find(|&index| matches(available[index].as_ref()) && allowed(index))
        })
}

/// `text` without the spaces and tabs around it.
fn trim(text: &[u8]) -> &[u8] {
    let start = text.iter().position(|&b| b != b' ' && b != b'\t');
    let Some(start) = start else {
        return &[];
    };
    let end = text
        .iter()
        .rposition(|&b| b != b' ' && b != b'\t')
        .unwrap_or(start);
    &text[start..=end]
}

/// One `language-range [ weight ]`, its weight in thousandths; `None` when it does not parse.
#[inline]
fn parse_item(item: &[u8]) -> Option<(&[u8], u16)> {
    let mut parts = item.split(|&b| b == b';');
    let range = trim(parts.next()?);
    if !is_range(range) {
        return None;
    }
    let q = match parts.next() {
        None => 1000,
        Some(weight) => {
            let weight = trim(weight);
            let value = weight
                .strip_prefix(b"q=")
                .or_else(|| weight.strip_prefix(b"Q="))?;
            parse_q(value)?
        }
    };
    // Accept-Language has no other parameter.
    if parts.next().is_some() {
        return None;
    }
    Some((range, q))
}

/// `*`, or `1*8ALPHA *("-" 1*8alphanum)`.
fn is_range(range: &[u8]) -> bool {
    if range == b"*" {
        return true;
    }
    let mut subtags = range.split(|&b| b == b'-');
    let first_ok = subtags.next().is_some_and(|first| {
        (1..=8).contains(&first.len()) && first.iter().all(u8::is_ascii_alphabetic)
    });
    first_ok
        && subtags.all(|subtag| {
            (1..=8).contains(&subtag.len()) && subtag.iter().all(u8::is_ascii_alphanumeric)
        })
}

/// A qvalue, `0[.ddd]` or `1[.000]`, in thousandths.
fn parse_q(value: &[u8]) -> Option<u16> {
    let (whole, fraction) = match value.iter().position(|&b| b == b'.') {
        Some(dot) => (&value[..dot], &value[dot + 1..]),
        None => (value, &[][..]),
    };
    if fraction.len() > 3 || !fraction.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut thousandths: u16 = 0;
    for (i, digit) in fraction.iter().enumerate() {
        thousandths += u16::from(digit - b'0') * [100, 10, 1][i];
    }
    match whole {
        b"0" => Some(thousandths),
        b"1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AVAILABLE: [&str; 4] = ["en", "de", "fr", "ar"];

    fn pick(header: &str) -> Option<&'static str> {
        negotiate(&[header.as_bytes()], &AVAILABLE).map(|i| AVAILABLE[i])
    }

    #[test]
    fn q_values_order_the_ranges_and_q_0_excludes() {
        assert_eq!(pick("fr-CA;q=0.9, de;q=0.5"), Some("fr"));
        assert_eq!(pick("de;q=0.5, fr;q=0.9"), Some("fr"));
        assert_eq!(pick("fr;q=0, de;q=0.1"), Some("de"));
        assert_eq!(pick("fr;q=0.000"), None);
        assert_eq!(pick("de, fr"), Some("de"));
        assert_eq!(pick("fr;q=0.5, de;q=0.5"), Some("fr"));
    }

    #[test]
    fn q_0_refuses_the_default_and_the_tags_it_is_a_prefix_of() {
        // `*` is any language but those refused: not the default here, the first after it.
        assert_eq!(pick("en;q=0, de;q=0.5, *"), Some("de"));
        assert_eq!(pick("en;q=0, *"), Some("de"));
        assert_eq!(pick("en;q=0, de;q=0, *"), Some("fr"));
        // `de-CH` cut to `de`, which is refused: nothing accepted, so the default.
        assert_eq!(pick("de-CH, de;q=0"), None);
        assert_eq!(pick("de-CH, de;q=0, fr;q=0.1"), Some("fr"));
        // A range refuses the tags it is a prefix of, not those it is only the start of.
        let regional = ["en", "pt-BR", "ptx"];
        assert_eq!(negotiate(&[b"pt;q=0, pt-BR"], &regional), None);
        assert_eq!(negotiate(&[b"pt;q=0, ptx"], &regional), Some(2));
        // Refusing everything answers the default all the same.
        assert_eq!(pick("en;q=0, de;q=0, fr;q=0, ar;q=0, *"), None);
    }

    #[test]
    fn star_and_unknown_languages_answer_the_default() {
        assert_eq!(pick("da, *;q=0.1"), None);
        assert_eq!(pick("da"), None);
        assert_eq!(pick("*"), None);
        assert_eq!(pick("da, de;q=0.2"), Some("de"));
    }

    #[test]
    fn tags_match_without_case_and_fall_back_to_their_prefix() {
        assert_eq!(pick("DE-ch"), Some("de"));
        assert_eq!(pick("de-Latn-CH-x-y"), Some("de"));
        assert_eq!(pick("AR"), Some("ar"));
        let regional = ["en", "pt-BR"];
        assert_eq!(negotiate(&[b"pt"], &regional), Some(1));
        assert_eq!(negotiate(&[b"pt-pt"], &regional), None);
    }

    #[test]
    fn several_fields_are_one_list() {
        assert_eq!(negotiate(&[b"da", b"de;q=0.5"], &AVAILABLE), Some(1));
        assert_eq!(negotiate(&[b"de;q=0.5", b"fr"], &AVAILABLE), Some(2));
        assert_eq!(negotiate(&[b"fr", b"fr;q=0"], &AVAILABLE), None);
        // A tag alone in one field of several is a range like any other.
        assert_eq!(negotiate(&[b"de;q=0.1", b"ar"], &AVAILABLE), Some(3));
        // Filler that is no range: only the length stops `fr` being read.
        let half = ";".repeat(HEADER_MAX / 2);
        assert_eq!(negotiate(&[half.as_bytes(), b"fr"], &AVAILABLE), Some(2));
        assert_eq!(
            negotiate(&[half.as_bytes(), half.as_bytes(), b"fr"], &AVAILABLE),
            None
        );
    }

    #[test]
    fn junk_and_long_headers_answer_the_default() {
        assert_eq!(pick("\u{1F600}, ;;, q=1, de;q=2, fr;q=0.5;x=1, 123"), None);
        assert_eq!(pick("de;q=0.5x, toolonglanguage"), None);
        assert_eq!(negotiate(&[&[0xff, b'd', b'e']], &AVAILABLE), None);
        // Filler that is no range: only the length stops `fr` being read.
        let filler = ";".repeat(HEADER_MAX - 4);
        assert_eq!(pick(&format!("{filler}, fr")), Some("fr"));
        assert_eq!(pick(&format!("{filler};, fr")), None);
        // Past the ranges read, a match is not found.
        let many = format!("{}fr", "da, ".repeat(RANGES_MAX));
        assert_eq!(pick(&many), None);
        assert_eq!(pick(""), None);
    }
}
