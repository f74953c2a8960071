//! Whether a webhook's host is somewhere on the internet, by what the address is: the blocks of
//! IANA's IPv4 and IPv6 special-purpose address registries that are not globally reachable, an
//! address embedded in another (IPv4-mapped, IPv4-compatible, NAT64, 6to4) judged as the IPv4
//! address it reaches, and the names a local resolver gives this machine.
//!
//! Written here, as a table, because the standard library's `IpAddr::is_global` is still
//! unstable (rust-lang/rust#27709) and no well-kept crate classifies addresses: `ipnet`, used
//! here for the blocks, has none of the registry. The table is the registries' as of 2024
//! (RFC 6890 and its updates); a block they add later is refused only once it is added here.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use ipnet::{Ipv4Net, Ipv6Net};

/// The IPv4 blocks that are not globally reachable, but for the two addresses of
/// `192.0.0.0/24` that are ([`GLOBAL_V4`]).
const NOT_GLOBAL_V4: [Ipv4Net; 15] = [
    // "This network", and the unspecified address in it.
    Ipv4Net::new_assert(Ipv4Addr::UNSPECIFIED, 8),
    // Private-use.
    Ipv4Net::new_assert(Ipv4Addr::new(10, 0, 0, 0), 8),
    // Shared address space (carrier-grade NAT).
    Ipv4Net::new_assert(Ipv4Addr::new(100, 64, 0, 0), 10),
    // Loopback.
    Ipv4Net::new_assert(Ipv4Addr::new(127, 0, 0, 0), 8),
    // Link-local, the cloud metadata services' among them.
    Ipv4Net::new_assert(Ipv4Addr::new(169, 254, 0, 0), 16),
    // Private-use.
    Ipv4Net::new_assert(Ipv4Addr::new(172, 16, 0, 0), 12),
    // IETF protocol assignments.
    Ipv4Net::new_assert(Ipv4Addr::new(192, 0, 0, 0), 24),
    // Documentation (TEST-NET-1).
    Ipv4Net::new_assert(Ipv4Addr::new(192, 0, 2, 0), 24),
    // The 6to4 relay anycast, deprecated.
    Ipv4Net::new_assert(Ipv4Addr::new(192, 88, 99, 0), 24),
    // Private-use.
    Ipv4Net::new_assert(Ipv4Addr::new(192, 168, 0, 0), 16),
    // Benchmarking.
    Ipv4Net::new_assert(Ipv4Addr::new(198, 18, 0, 0), 15),
    // Documentation (TEST-NET-2, TEST-NET-3).
    Ipv4Net::new_assert(Ipv4Addr::new(198, 51, 100, 0), 24),
    Ipv4Net::new_assert(Ipv4Addr::new(203, 0, 113, 0), 24),
    // Multicast: no one host.
    Ipv4Net::new_assert(Ipv4Addr::new(224, 0, 0, 0), 4),
    // Reserved, the limited broadcast address among them.
    Ipv4Net::new_assert(Ipv4Addr::new(240, 0, 0, 0), 4),
];

/// The addresses of a block of [`NOT_GLOBAL_V4`] that the registry says are globally reachable:
/// the Port Control Protocol's and TURN's anycast.
const GLOBAL_V4: [Ipv4Addr; 2] = [Ipv4Addr::new(192, 0, 0, 9), Ipv4Addr::new(192, 0, 0, 10)];

/// The IPv6 blocks that are not globally reachable, but for those that carry an IPv4 address
/// ([`embedded_v4`]), which are judged by it.
const NOT_GLOBAL_V6: [Ipv6Net; 11] = [
    // The unspecified and the loopback address, and the IPv4-compatible ones (deprecated),
    // which `::/96` holds too: none reaches a host elsewhere.
    Ipv6Net::new_assert(Ipv6Addr::UNSPECIFIED, 96),
    // Local-use NAT64.
    Ipv6Net::new_assert(Ipv6Addr::new(0x64, 0xff9b, 1, 0, 0, 0, 0, 0), 48),
    // Discard-only.
    Ipv6Net::new_assert(Ipv6Addr::new(0x100, 0, 0, 0, 0, 0, 0, 0), 64),
    // IETF protocol assignments (Teredo, benchmarking, ORCHID among them).
    Ipv6Net::new_assert(Ipv6Addr::new(0x2001, 0, 0, 0, 0, 0, 0, 0), 23),
    // Documentation.
    Ipv6Net::new_assert(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32),
    Ipv6Net::new_assert(Ipv6Addr::new(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20),
    // Segment routing's SIDs.
    Ipv6Net::new_assert(Ipv6Addr::new(0x5f00, 0, 0, 0, 0, 0, 0, 0), 16),
    // Unique local.
    Ipv6Net::new_assert(Ipv6Addr::new(0xfc00, 0, 0, 0, 0, 0, 0, 0), 7),
    // Link-local.
    Ipv6Net::new_assert(Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10),
    // Site-local, deprecated: still routed inside some sites.
    Ipv6Net::new_assert(Ipv6Addr::new(0xfec0, 0, 0, 0, 0, 0, 0, 0), 10),
    // Multicast.
    Ipv6Net::new_assert(Ipv6Addr::new(0xff00, 0, 0, 0, 0, 0, 0, 0), 8),
];

/// The names that a resolver of this machine maps to itself: `localhost` and the names under
/// it (RFC 6761), and those that the usual `/etc/hosts` gives the loopback addresses.
const LOCAL_NAMES: [&str; 5] = [
    "localhost.localdomain",
    "localhost6",
    "localhost6.localdomain6",
    "ip6-localhost",
    "ip6-loopback",
];

/// Whether `address` is globally reachable.
pub(super) fn is_global(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(address) => is_global_v4(address),
        IpAddr::V6(address) => is_global_v6(address),
    }
}

fn is_global_v4(address: Ipv4Addr) -> bool {
    GLOBAL_V4.contains(&address) || !NOT_GLOBAL_V4.iter().any(|net| net.contains(&address))
}

fn is_global_v6(address: Ipv6Addr) -> bool {
    if let Some(v4) = embedded_v4(address) {
        return is_global_v4(v4);
    }
    !NOT_GLOBAL_V6.iter().any(|net| net.contains(&address))
}

/// The IPv4 address an IPv6 one reaches through: IPv4-mapped (`::ffff:0:0/96`), NAT64's
/// well-known prefix (`64:ff9b::/96`), or 6to4 (`2002::/16`, the address in its second and
/// third groups).
fn embedded_v4(address: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = address.to_ipv4_mapped() {
        return Some(v4);
    }
    let groups = address.segments();
    let [a, b, c, d] = address.octets()[12..] else {
        return None;
    };
    if groups[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(Ipv4Addr::new(a, b, c, d));
    }
    if groups[0] == 0x2002 {
        let [a, b] = groups[1].to_be_bytes();
        let [c, d] = groups[2].to_be_bytes();
        return Some(Ipv4Addr::new(a, b, c, d));
    }
    None
}

/// Whether a resolver of this machine maps `name` (a host name, any case, a final `.` or not)
/// to this machine.
pub(super) fn is_local_name(name: &str) -> bool {
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    name == "localhost" || name.ends_with(".localhost") || LOCAL_NAMES.contains(&name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_registries_special_blocks_are_not_global_and_the_rest_is() {
        let not_global = [
            "0.1.2.3",
            "10.0.0.1",
            "100.64.0.1",
            "100.100.100.200",
            "127.0.0.1",
            "169.254.169.254",
            "172.31.255.255",
            "192.0.0.1",
            "192.0.2.1",
            "192.168.1.1",
            "198.18.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::",
            "::1",
            "::7f00:1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::1",
            "2001:db8::1",
            "2002:7f00:1::",
            "fc00::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
        ];
        for address in not_global {
            assert!(!is_global(address.parse().unwrap()), "{address}");
        }
        let global = [
            "1.1.1.1",
            "93.184.216.34",
            "192.0.0.9",
            "100.63.255.255",
            "2606:4700:4700::1111",
            "::ffff:1.1.1.1",
            "64:ff9b::101:101",
            "2002:101:101::",
        ];
        for address in global {
            assert!(is_global(address.parse().unwrap()), "{address}");
        }
    }

    #[test]
    fn the_names_of_this_machine_are_local() {
        for name in [
            "localhost",
            "LOCALHOST.",
            "api.localhost",
            "localhost.localdomain",
            "ip6-localhost",
        ] {
            assert!(is_local_name(name), "{name}");
        }
        for name in ["localhost.example", "example.com", "mylocalhost"] {
            assert!(!is_local_name(name), "{name}");
        }
    }
}
