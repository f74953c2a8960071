//! The service's settings and its state: orders, webhooks, quota used and idempotency keys, in
//! memory behind one lock, and the rate limiters beside it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use api_error_core::Format;
use axum::body::Bytes;
use serde::Serialize;

use super::order_input::NewOrder;
use super::rate::RateLimits;
use crate::errors::{OrderStatus, OrderType};

/// How the service behaves: its limits, its deadlines and the format of its errors. The
/// defaults are those of the `server` binary, as the examples' README lists them; tests set
/// short ones.
#[derive(Debug, Clone, Copy)]
pub struct ServiceConfig {
    /// The rate limit's window: a plan's `requests_per_window` are allowed per window to each
    /// account, one every window / n once a burst of n is spent (GCRA, not a fixed window).
    pub rate_window: Duration,
    /// Requests that fail authentication allowed per window to each client address (IPv6: each
    /// /64 network), on the same terms: so that guessing tokens is limited too.
    pub unauthenticated_per_window: u32,
    /// How long a connection may take to send a request's whole head: from its start, and
    /// between one response and the next request, so also how long a connection may stay idle.
    /// On gRPC, how long a connection may stay quiet both ways: one quiet for half of it is
    /// pinged, so a client that answers keeps an idle connection.
    pub header_timeout: Duration,
    /// The longest pause within a request body: a body that stops arriving for this long is
    /// answered `408`.
    pub body_idle_timeout: Duration,
    /// The longest a request may take, from its head to its answer, its body included: a body
    /// sent a byte at a time, say, is answered `408` after this long.
    pub request_timeout: Duration,
    /// The most connections served at once; one more is closed as soon as it is accepted.
    pub max_connections: usize,
    /// The most of those from one client address (IPv6: one /64 network), below
    /// `max_connections`, so that one client cannot take them all; one more from it is closed
    /// as soon as it is accepted, while other clients are still served.
    pub max_connections_per_address: usize,
    /// How long a service that is told to stop (SIGTERM, Ctrl-C) keeps answering the requests
    /// in flight, having stopped accepting connections, before it exits anyway.
    pub drain_timeout: Duration,
    /// How long a new order may wait for confirmation.
    pub order_ttl: Duration,
    /// How long a confirmed order may take to complete.
    pub processing_deadline: Duration,
    /// The format of every error body: the default JSON, or RFC 9457 problem details.
    pub format: Format,
    /// One client error (4xx) in this many is logged, with how many were left out since the
    /// last (`Config::sample_client_errors`): a flood of bad requests cannot flood the log.
    /// Server errors are each logged. `1` logs every one.
    pub client_error_sample: u32,
}

impl Default for ServiceConfig {
    fn default() -> Self {
        ServiceConfig {
            rate_window: Duration::from_secs(60),
            unauthenticated_per_window: 30,
            header_timeout: Duration::from_secs(10),
            body_idle_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 512,
            max_connections_per_address: 64,
            drain_timeout: Duration::from_secs(10),
            order_ttl: Duration::from_secs(3600),
            processing_deadline: Duration::from_secs(600),
            client_error_sample: 100,
            format: Format::Json,
        }
    }
}

/// An order as the service keeps it.
#[derive(Debug, Clone)]
pub(super) struct Order {
    pub(super) id: String,
    pub(super) owner: &'static str,
    pub(super) kind: OrderType,
    pub(super) status: OrderStatus,
    pub(super) quantity: u32,
    /// The uploaded file, while the order may still need it: freed when the order completes,
    /// fails or expires (see [`FILE_BYTES_PER_ACCOUNT`](super::orders::FILE_BYTES_PER_ACCOUNT)).
    pub(super) file: Option<Bytes>,
    /// Whether a file was uploaded, which the order says after the file is freed.
    pub(super) file_uploaded: bool,
    pub(super) expires_at: Instant,
    pub(super) deadline: Option<Instant>,
    /// The receipt as the receipt store keeps it: JSON text, once the order is completed.
    pub(super) receipt: Option<String>,
}

/// An order as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "aide-document", derive(schemars::JsonSchema))]
pub(super) struct OrderView {
    id: String,
    #[serde(rename = "type")]
    order_type: OrderType,
    status: OrderStatus,
    quantity: u32,
    file_uploaded: bool,
}

impl Order {
    pub(super) fn view(&self) -> OrderView {
        OrderView {
            id: self.id.clone(),
            order_type: self.kind,
            status: self.status,
            quantity: self.quantity,
            file_uploaded: self.file_uploaded,
        }
    }
}

/// A webhook as the API shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[cfg_attr(feature = "aide-document", derive(schemars::JsonSchema))]
pub(super) struct Webhook {
    pub(super) id: String,
    pub(super) url: String,
    #[serde(skip)]
    pub(super) owner: &'static str,
}

/// Everything the service keeps, behind [`AppState`]'s lock.
#[derive(Debug, Default)]
pub(super) struct Data {
    pub(super) orders: HashMap<String, Order>,
    pub(super) webhooks: HashMap<String, Webhook>,
    /// Units of quota used, per account.
    pub(super) used: HashMap<&'static str, u32>,
    /// Idempotency keys of order creation, per account: the request and the first answer.
    pub(super) idempotency: HashMap<(&'static str, String), (NewOrder, OrderView)>,
    pub(super) next_id: u64,
}

/// The service's state, shared by every request.
#[derive(Clone)]
pub struct AppState {
    pub(super) config: ServiceConfig,
    data: Arc<Mutex<Data>>,
    rate_limits: Arc<RateLimits>,
}

impl AppState {
    /// A state with the demo accounts' orders and webhooks: see the examples' README.
    #[must_use]
    pub fn new(config: ServiceConfig) -> Self {
        let now = Instant::now();
        let mut data = Data {
            next_id: 9,
            ..Data::default()
        };
        let seeds = [
            ("ord_1", OrderType::Report, OrderStatus::Pending),
            ("ord_2", OrderType::Report, OrderStatus::Confirmed),
            ("ord_3", OrderType::Report, OrderStatus::Completed),
            ("ord_4", OrderType::Report, OrderStatus::Failed),
            ("ord_5", OrderType::Report, OrderStatus::Pending),
            ("ord_6", OrderType::Conversion, OrderStatus::Pending),
            ("ord_7", OrderType::Notification, OrderStatus::Completed),
            ("ord_8", OrderType::Report, OrderStatus::Confirmed),
        ];
        for (id, order_type, status) in seeds {
            let order = Order {
                id: id.to_owned(),
                owner: "alice",
                kind: order_type,
                status,
                quantity: 1,
                file: None,
                file_uploaded: false,
                expires_at: now + config.order_ttl,
                deadline: (status == OrderStatus::Confirmed)
                    .then(|| now + config.processing_deadline),
                receipt: (status == OrderStatus::Completed)
                    .then(|| format!(r#"{{"order_id":"{id}","units":1}}"#)),
            };
            data.orders.insert(id.to_owned(), order);
        }
        // ord_5 waited too long for confirmation, ord_8 too long for completion, and the
        // receipt store lost the end of ord_3's receipt.
        let past = now.checked_sub(Duration::from_secs(1)).unwrap_or(now);
        if let Some(order) = data.orders.get_mut("ord_5") {
            order.expires_at = past;
        }
        if let Some(order) = data.orders.get_mut("ord_8") {
            order.deadline = Some(past);
        }
        if let Some(order) = data.orders.get_mut("ord_3") {
            order.receipt = Some(r#"{"order_id":"ord_3","un"#.to_owned());
        }
        data.webhooks.insert(
            "wh_1".to_owned(),
            Webhook {
                id: "wh_1".to_owned(),
                url: "https://alice.example/hooks/orders".to_owned(),
                owner: "alice",
            },
        );
        AppState {
            config,
            data: Arc::new(Mutex::new(data)),
            rate_limits: Arc::new(RateLimits::new(&config)),
        }
    }

    /// The rate limiters, which keep their own locks.
    pub(super) fn rate_limits(&self) -> &RateLimits {
        &self.rate_limits
    }

    pub(super) fn data(&self) -> MutexGuard<'_, Data> {
        // Every change to `Data` is complete before the lock is released, so a poisoned lock
        // still guards consistent data.
        self.data.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
