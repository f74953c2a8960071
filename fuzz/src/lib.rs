//! What the fuzz targets share: a JSON object read back member by member, in order and with
//! any repeated name kept (serde_json's `Value` would keep the last of two and hide the
//! repetition), and a way to run a future that needs no I/O to its end.

use core::fmt;
use core::future::Future;
use core::pin::pin;
use core::task::{Context, Poll, Waker};

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

/// The members of a JSON object, as they came: each value as its text, so that an object
/// within is read the same way.
#[derive(Debug)]
pub struct Entries(pub Vec<(String, Box<RawValue>)>);

impl Entries {
    /// Reads `bytes` as one JSON object, or says why it is not one.
    pub fn parse(bytes: &[u8]) -> Result<Entries, serde_json::Error> {
        serde_json::from_slice(bytes)
    }

    /// The names, in order.
    #[must_use]
    pub fn names(&self) -> Vec<&str> {
        self.0.iter().map(|(name, _)| name.as_str()).collect()
    }

    /// The value of the member called `name`, the first if there are several.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<Value> {
        self.0
            .iter()
            .find(|(member, _)| member == name)
            .map(|(_, value)| read(value))
    }

    /// The member called `name`, an object, read member by member; `None` when there is no
    /// such member or it is not an object.
    #[must_use]
    pub fn object(&self, name: &str) -> Option<Entries> {
        self.0
            .iter()
            .find(|(member, _)| member == name)
            .and_then(|(_, value)| Entries::parse(value.get().as_bytes()).ok())
    }

    /// Every member, its value read.
    #[must_use]
    pub fn values(&self) -> Vec<(String, Value)> {
        self.0
            .iter()
            .map(|(name, value)| (name.clone(), read(value)))
            .collect()
    }

    /// Whether some name comes twice.
    #[must_use]
    pub fn has_repeated_name(&self) -> bool {
        let names = self.names();
        names
            .iter()
            .enumerate()
            .any(|(i, name)| names[..i].contains(name))
    }
}

/// A member's text, read as a value: it was read as JSON once already.
fn read(value: &RawValue) -> Value {
    serde_json::from_str(value.get()).expect("a member's text is JSON")
}

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;

        impl<'de> Visitor<'de> for Members {
            type Value = Entries;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, Box<RawValue>>()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }

        deserializer.deserialize_map(Members)
    }
}

/// What a client reading `value` as JSON gets back: serde_json's own writing and reading of it
/// (a float that is not finite becomes `null`, say).
#[must_use]
pub fn as_read_back(value: &Value) -> Value {
    let text = serde_json::to_string(value).expect("a Value always serializes");
    serde_json::from_str(&text).expect("serde_json reads what it wrote")
}

/// Runs `future`, which must need no I/O and no timer, to its end. Panics if it is still not
/// done after many polls: such a future would hang a service.
pub fn run<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    for _ in 0..100_000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
    panic!("a future over in-memory data did not finish");
}

/// Whether `message` is what a body cut for its length may show of `whole`: all of it, a
/// beginning of it followed by `…`, or nothing.
#[must_use]
pub fn is_cut_from(message: &str, whole: &str) -> bool {
    if message == whole || message.is_empty() {
        return true;
    }
    message
        .strip_suffix('…')
        .is_some_and(|kept| whole.starts_with(kept) && kept.len() < whole.len())
}
