use api_error_core::ApiError;

macro_rules! rule {
    ($name:ident, $rule:literal, $expected:literal) => {
        #[derive(Debug, ApiError)]
        #[api_error(rename_all = $rule, status = 404)]
        enum $name {
            OrderNotFound,
        }

        assert_eq!($name::OrderNotFound.code(), $expected);
    };
}

fn main() {
    rule!(Lower, "lowercase", "ordernotfound");
    rule!(Upper, "UPPERCASE", "ORDERNOTFOUND");
    rule!(Pascal, "PascalCase", "OrderNotFound");
    rule!(Camel, "camelCase", "orderNotFound");
    rule!(Snake, "snake_case", "order_not_found");
    rule!(ScreamingSnake, "SCREAMING_SNAKE_CASE", "ORDER_NOT_FOUND");
    rule!(Kebab, "kebab-case", "order-not-found");
    rule!(ScreamingKebab, "SCREAMING-KEBAB-CASE", "ORDER-NOT-FOUND");
}
