//! The keys of `#[api_error(...)]`: which each place takes, each a variant of an enum so that
//! reading them is an exhaustive `match`, and the walk over them that reports unknown,
//! misplaced and repeated keys.

use darling::error::Accumulator;
use syn::Attribute;
use syn::meta::ParseNestedMeta;

use crate::attr::skip_value;
use crate::report::Report;

/// Where an attribute stands, as messages name it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    Enum,
    Struct,
    Variant,
    Field,
}

impl Place {
    fn name(self) -> &'static str {
        match self {
            Place::Enum => "an enum",
            Place::Struct => "a struct",
            Place::Variant => "a variant",
            Place::Field => "a field",
        }
    }
}

/// The keys one place accepts, each a variant of its own enum, so that reading them is an
/// exhaustive `match`.
pub(crate) trait Key: Copy + PartialEq + 'static {
    /// Every key, in the order messages list them.
    const ALL: &'static [Self];

    fn name(self) -> &'static str;

    /// Whether the key may be given more than once.
    fn repeats(self) -> bool {
        false
    }
}

/// The keys of one error: on a variant, or on a struct.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorKey {
    Code,
    Status,
    Message,
    Transparent,
    Header,
    Grpc,
}

impl Key for ErrorKey {
    const ALL: &'static [Self] = &[
        ErrorKey::Code,
        ErrorKey::Status,
        ErrorKey::Message,
        ErrorKey::Transparent,
        ErrorKey::Header,
        ErrorKey::Grpc,
    ];

    fn name(self) -> &'static str {
        match self {
            ErrorKey::Code => "code",
            ErrorKey::Status => "status",
            ErrorKey::Message => "message",
            ErrorKey::Transparent => "transparent",
            ErrorKey::Header => "header",
            ErrorKey::Grpc => "grpc",
        }
    }

    /// `header("..", "..")` gives one header, and an error may have several.
    fn repeats(self) -> bool {
        self == ErrorKey::Header
    }
}

/// The keys of the enum or struct: its own, then those of one error (which on an enum are
/// reported as misplaced, except the default `status`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum TypeKey {
    Crate,
    RenameAll,
    Format,
    Decode,
    OwnDisplay,
    Without,
    /// `members`: a struct per variant, for error sets.
    Members,
    Error(ErrorKey),
}

/// The keys that belong to the type alone.
const OWN_TYPE_KEYS: &[TypeKey] = &[
    TypeKey::Crate,
    TypeKey::RenameAll,
    TypeKey::Format,
    TypeKey::Decode,
    TypeKey::OwnDisplay,
    TypeKey::Without,
    TypeKey::Members,
];

impl Key for TypeKey {
    const ALL: &'static [Self] = &[
        TypeKey::Crate,
        TypeKey::RenameAll,
        TypeKey::Format,
        TypeKey::Decode,
        TypeKey::OwnDisplay,
        TypeKey::Without,
        TypeKey::Members,
        TypeKey::Error(ErrorKey::Code),
        TypeKey::Error(ErrorKey::Status),
        TypeKey::Error(ErrorKey::Message),
        TypeKey::Error(ErrorKey::Transparent),
        TypeKey::Error(ErrorKey::Header),
        TypeKey::Error(ErrorKey::Grpc),
    ];

    fn name(self) -> &'static str {
        match self {
            TypeKey::Crate => "crate",
            TypeKey::RenameAll => "rename_all",
            TypeKey::Format => "format",
            TypeKey::Decode => "decode",
            TypeKey::OwnDisplay => "own_display",
            TypeKey::Without => "without",
            TypeKey::Members => "members",
            TypeKey::Error(key) => key.name(),
        }
    }

    fn repeats(self) -> bool {
        matches!(self, TypeKey::Error(key) if key.repeats())
    }
}

/// The keys of a field.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldKey {
    Detail,
    Header,
    Violations,
}

impl Key for FieldKey {
    const ALL: &'static [Self] = &[FieldKey::Detail, FieldKey::Header, FieldKey::Violations];

    fn name(self) -> &'static str {
        match self {
            FieldKey::Detail => "detail",
            FieldKey::Header => "header",
            FieldKey::Violations => "violations",
        }
    }
}

/// Calls `on_key` for each key of each `#[api_error(...)]` in `attrs` that is one of `K` and
/// not a repeat; `on_key` reads the key's value. Unknown and repeated keys are errors (unless
/// the key [repeats](Key::repeats)); their values are skipped.
///
/// Returns the keys that were written, whether or not their values could be read, and the keys
/// that misspelled ones were taken for: a key the user wrote is never also reported missing.
pub(crate) fn for_each_key<K: Key>(
    attrs: &[Attribute],
    place: Place,
    errors: &mut Accumulator,
    mut on_key: impl FnMut(K, &ParseNestedMeta<'_>, &mut Accumulator) -> syn::Result<()>,
) -> Vec<K> {
    let mut seen: Vec<K> = Vec::new();
    for attr in attrs
        .iter()
        .filter(|attr| attr.path().is_ident("api_error"))
    {
        let parsed = attr.parse_nested_meta(|meta| {
            let Some(name) = meta.path.get_ident().map(ToString::to_string) else {
                errors.error(
                    &meta.path,
                    format_args!(
                        "expected a key of #[api_error] such as `{}`",
                        K::ALL[0].name()
                    ),
                );
                return skip_value(&meta);
            };
            let Some(&key) = K::ALL.iter().find(|key| key.name() == name) else {
                let (message, meant) = unknown_key::<K>(&name, place);
                errors.error(&meta.path, message);
                seen.extend(meant);
                return skip_value(&meta);
            };
            if !key.repeats() && seen.contains(&key) {
                errors.error(&meta.path, format_args!("duplicate `{name}`: give it once"));
                return skip_value(&meta);
            }
            seen.push(key);
            on_key(key, &meta, errors)
        });
        if let Err(error) = parsed {
            errors.push(error.into());
        }
    }
    seen
}

/// What to say of `key`, and the key it was probably meant to be.
fn unknown_key<K: Key>(key: &str, place: Place) -> (String, Option<K>) {
    fn names<K: Key>(keys: &[K]) -> Vec<&'static str> {
        keys.iter().map(|key| key.name()).collect()
    }
    let elsewhere = [
        (names(OWN_TYPE_KEYS), "on the enum or struct"),
        (names(ErrorKey::ALL), "on a variant or a struct"),
        (names(FieldKey::ALL), "on a field"),
    ];
    if let Some((_, whose)) = elsewhere.iter().find(|(keys, _)| keys.contains(&key)) {
        let message = format!(
            "`{key}` is not a key of {}: it belongs {whose}",
            place.name()
        );
        return (message, None);
    }
    if let Some(&known) = K::ALL.iter().find(|known| close(key, known.name())) {
        let message = format!(
            "unknown key `{key}` in #[api_error]; did you mean `{}`?",
            known.name()
        );
        return (message, Some(known));
    }
    let list: Vec<String> = K::ALL.iter().map(|k| format!("`{}`", k.name())).collect();
    let message = format!(
        "unknown key `{key}` in #[api_error]; {} takes {}",
        place.name(),
        list.join(", ")
    );
    (message, None)
}

/// Whether `typed` is a likely misspelling of `known`: at most two edits apart.
pub(crate) fn close(typed: &str, known: &str) -> bool {
    let typed: Vec<char> = typed.chars().collect();
    let mut previous: Vec<usize> = (0..=typed.len()).collect();
    for (i, k) in known.chars().enumerate() {
        let mut row = vec![i + 1];
        for (j, t) in typed.iter().enumerate() {
            let substitution = previous[j] + usize::from(k != *t);
            row.push(substitution.min(previous[j + 1] + 1).min(row[j] + 1));
        }
        previous = row;
    }
    previous[typed.len()] <= 2
}
