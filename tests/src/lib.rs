//! Behaviour, compile-fail, hygiene and end-to-end tests of api-error; the tests are under `tests/`.
