# The API's messages in English, the language they are declared in: each is the declared
# message of its code, so that an answer in English reads the same with or without this file.
# `cargo run -p api-error-examples --bin catalog -- --ftl` prints the template it started from.

# Authentication required
AUTH_NOT_AUTHENTICATED = Authentication required
    .title = Authentication required

# Authentication token has expired
AUTH_TOKEN_EXPIRED = Authentication token has expired
    .title = Authentication token has expired

# Invalid authentication token
AUTH_TOKEN_INVALID = Invalid authentication token
    .title = Invalid authentication token

# Token format is invalid
AUTH_TOKEN_INVALID_FORMAT = Token format is invalid: expected `Authorization: Bearer tok_...`
    .title = Token format is invalid

# Insufficient permissions
# Variables: $required_scope
AUTH_FORBIDDEN = Insufficient permissions: this needs the `{ $required_scope }` scope
    .title = Insufficient permissions

# Input validation failed
VALIDATION_FAILED = Input validation failed
    .title = Input validation failed

# Invalid idempotency key
# Variables: $reason
VALIDATION_IDEMPOTENCY_KEY_INVALID = Invalid idempotency key: { $reason }
    .title = Invalid idempotency key

# Invalid parameter provided
# Variables: $name
INVALID_PARAMETER = Invalid parameter `{ $name }`
    .title = Invalid parameter provided

# Order not found
ORDER_NOT_FOUND = Order not found
    .title = Order not found

# Order is not in pending status
# Variables: $order_id
ORDER_NOT_PENDING = Order { $order_id } is not in pending status
    .title = Order is not in pending status

# Not the order owner
ORDER_NOT_OWNER = Not the order owner
    .title = Not the order owner

# Order has expired
# Variables: $order_id
ORDER_EXPIRED = Order { $order_id } has expired
    .title = Order has expired

# Order is not completed
# Variables: $order_id
ORDER_NOT_COMPLETED = Order { $order_id } is not completed
    .title = Order is not completed

# Order file has not been uploaded
# Variables: $order_id
ORDER_FILE_NOT_UPLOADED = Order { $order_id } has no file: upload it first
    .title = Order file has not been uploaded

# Order has already been confirmed
# Variables: $order_id
ORDER_ALREADY_CONFIRMED = Order { $order_id } has already been confirmed
    .title = Order has already been confirmed

# Order is already completed
# Variables: $order_id
ORDER_ALREADY_COMPLETED = Order { $order_id } is already completed
    .title = Order is already completed

# Order has already failed
# Variables: $order_id
ORDER_ALREADY_FAILED = Order { $order_id } has already failed
    .title = Order has already failed

# Order type does not match
# Variables: $expected $found
ORDER_TYPE_NOT_MATCH = Order type does not match: this needs a `{ $expected }` order, not `{ $found }`
    .title = Order type does not match

# This order type cannot be downloaded
# Variables: $order_type
ORDER_TYPE_CANT_DOWNLOAD = Orders of type `{ $order_type }` cannot be downloaded
    .title = This order type cannot be downloaded

# Order processing timed out
# Variables: $order_id
ORDER_TIMEOUT = Order { $order_id } processing timed out
    .title = Order processing timed out

# Usage limit exceeded
# Variables: $quota $resource $plan
USAGE_LIMIT_EXCEEDED = Usage limit exceeded: all { $quota } { $resource } of the `{ $plan }` plan are used
    .title = Usage limit exceeded

# Insufficient usage quota
# Variables: $required $remaining
USAGE_NOT_ENOUGH = Insufficient usage quota: { $required } units needed, { $remaining } left
    .title = Insufficient usage quota

# Plan not found
PLAN_NOT_FOUND = Plan not found
    .title = Plan not found

# Webhook not found
WEBHOOK_NOT_FOUND = Webhook not found
    .title = Webhook not found

# Too many requests
# Variables: $retry_after
RATE_LIMIT_EXCEEDED = Too many requests: retry in { $retry_after } seconds
    .title = Too many requests

# Internal server error
SERVER_INTERNAL_ERROR = Internal Server Error
    .title = Internal server error

# The request body has the wrong media type
UNSUPPORTED_MEDIA_TYPE = Unsupported Media Type
    .title = The request body has the wrong media type

# The request body is too large
CONTENT_TOO_LARGE = The request body is over the limit of 2 MiB
    .title = The request body is too large

# No resource at this path
NOT_FOUND = Not Found
    .title = No resource at this path

# The route does not take this method
METHOD_NOT_ALLOWED = Method Not Allowed
    .title = The route does not take this method

# Field violations, each worded by its reason. Variables: $field (where it is), and
# the reason's parameters ($min and $max of a length or a range, $format of a form).
violation-required = This member is required
violation-type = This value is of the wrong type
violation-enum = This value is not one of those allowed
violation-length = Must be between { $min } and { $max } in length
    .min = Must be at least { $min } in length
    .max = Must be at most { $max } in length
    .exactly = Must be exactly { $equal } in length
violation-range = Must be between { $min } and { $max }
    .min = Must be at least { $min }
    .max = Must be at most { $max }
    .exactly = Must be exactly { $equal }
violation-format = This value does not have the form asked for
violation-unknown_field = This member is not allowed
violation-syntax = The body is not well-formed here
violation-invalid = This value is not valid
