//! The API's messages in English (the declared messages), German, French and Arabic: the
//! Fluent files under `examples/locales/`, one directory a locale, built into the service so
//! that it answers in them wherever it runs. Each file translates every code the service can
//! answer with, the layer's own too ([`translated_catalog`]), which a test checks.

use api_error_core::{ApiError, Catalog, LoadErrors, Translations};
use api_error_core::{Rejection, RejectionKind};

use crate::AppError;

/// The language of the declared messages, and of every answer to a request that asks for none
/// of the others.
pub const DEFAULT_LOCALE: &str = "en";

/// The translation files, as the service carries them: locale, file and source.
pub const FILES: [(&str, &str, &str); 4] = [
    (
        "en",
        "examples/locales/en/errors.ftl",
        include_str!("../locales/en/errors.ftl"),
    ),
    (
        "de",
        "examples/locales/de/errors.ftl",
        include_str!("../locales/de/errors.ftl"),
    ),
    (
        "fr",
        "examples/locales/fr/errors.ftl",
        include_str!("../locales/fr/errors.ftl"),
    ),
    (
        "ar",
        "examples/locales/ar/errors.ftl",
        include_str!("../locales/ar/errors.ftl"),
    ),
];

/// The service's translations, from the files it carries.
///
/// # Errors
///
/// Every syntax error and repeated id of the files, with its file and line.
pub fn translations() -> Result<Translations, LoadErrors> {
    FILES
        .iter()
        .fold(
            Translations::builder(DEFAULT_LOCALE),
            |builder, (locale, file, source)| builder.add(locale, file, source),
        )
        .build()
}

/// Every code the service answers with: the API's 26 and the layer's own (an unknown route, a
/// method a route does not take, a body too large or of the wrong type). The layer's two
/// catch-alls, `CLIENT_ERROR` and `SERVER_ERROR`, say the reason phrase of whichever status
/// they have, which a translation keyed by code cannot: they keep it.
#[must_use]
pub fn translated_catalog() -> Catalog {
    let mut catalog = AppError::catalog();
    catalog.append(Rejection::catalog_of(&[
        RejectionKind::UnsupportedMediaType,
        RejectionKind::ContentTooLarge,
        RejectionKind::NotFound,
        RejectionKind::MethodNotAllowed,
    ]));
    catalog
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_translations_load_and_cover_every_code_the_service_answers_with() {
        let translations = translations().unwrap_or_else(|errors| panic!("{errors}"));
        assert_eq!(
            translations.locales().collect::<Vec<_>>(),
            ["en", "de", "fr", "ar"]
        );
        translations.assert_covers(&translated_catalog());
    }

    #[test]
    fn the_files_load_from_their_directory_as_the_service_carries_them() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
        let from_dir = Translations::builder(DEFAULT_LOCALE)
            .add_dir(dir)
            .build()
            .unwrap_or_else(|errors| panic!("{errors}"));
        // Read in the order of their names: Arabic first.
        assert_eq!(
            from_dir.locales().collect::<Vec<_>>(),
            ["en", "ar", "de", "fr"]
        );
        from_dir.assert_covers(&translated_catalog());
        let missing = Translations::builder(DEFAULT_LOCALE)
            .add_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/no-such-dir"))
            .build()
            .unwrap_err();
        assert!(
            missing.to_string().contains("no-such-dir: cannot be read"),
            "{missing}"
        );
    }

    #[test]
    fn the_template_the_catalog_prints_is_the_english_file_but_for_its_head() {
        let english = FILES[0].2;
        let body = &english[english.find("\n\n").unwrap() + 2..];
        let template = translated_catalog().to_fluent();
        // The one message the service's handler words itself: the limit of an upload.
        let template = template.replace(
            "CONTENT_TOO_LARGE = Content Too Large",
            "CONTENT_TOO_LARGE = The request body is over the limit of 2 MiB",
        );
        assert_eq!(body, template);
    }
}
