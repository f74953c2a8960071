//! The names details take as extension members of problem details: the rules of
//! `api_error_rules::members`, which the derive applies too.

use std::borrow::Cow;

pub(crate) use api_error_rules::members::{Member, MemberNames};

/// The extension member a detail called `name` becomes in problem details, following RFC
/// 9457's advice for extension names: letters, digits and `_` only (anything else becomes `_`),
/// starting with a letter, three characters or more. A name that breaks the last two rules, or
/// that a member of the RFC's or of [`ErrorBody`](crate::ErrorBody) takes, gets the prefix
/// `detail_`: `retry-after` becomes `retry_after`, `id` becomes `detail_id` and `status`
/// becomes `detail_status`. When two details of one error come to one name, the later one gets
/// the prefix again (`detail_detail_id`), so each member is sent once.
///
/// ```
/// use api_error_core::problem_extension_name;
///
/// assert_eq!(problem_extension_name("order_id"), "order_id");
/// assert_eq!(problem_extension_name("retry-after"), "retry_after");
/// assert_eq!(problem_extension_name("id"), "detail_id");
/// assert_eq!(problem_extension_name("type"), "detail_type");
/// ```
#[must_use]
pub fn problem_extension_name(name: &str) -> Cow<'_, str> {
    Member::of(name).text()
}
