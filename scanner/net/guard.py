"""The address guard: which IP addresses riskscan may connect to, decided before any connection.

Every hostname is turned into addresses once (an IP literal in any spelling is read without a
look-up), every address is checked, and the connection goes to a checked address: a second
look-up could answer differently (DNS rebinding), so there is none.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Callable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

ALLOW_LOOPBACK_SETTING = "RISKSCAN_ALLOW_LOOPBACK"  # for tests only: see README
CGNAT = ipaddress.ip_network("100.64.0.0/10")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
METADATA = frozenset({ipaddress.ip_address("169.254.169.254"),
                      ipaddress.ip_address("fd00:ec2::254")})
_IPV4_SPELLING = frozenset("0123456789abcdefxABCDEFX.")


class RefusedAddressError(Exception):
    """A host whose address riskscan will not connect to; the message says why, in words."""


def loopback_allowed() -> bool:
    """The one test-only setting: RISKSCAN_ALLOW_LOOPBACK=1 lets 127.0.0.0/8 and ::1 through."""
    return os.environ.get(ALLOW_LOOPBACK_SETTING) == "1"


def literal_address(host: str) -> IPAddress | None:
    """The address a host names by itself (no look-up): `::1`, `127.0.0.1`, and the other
    spellings the system's resolver accepts for IPv4 (`2130706433`, `0x7f.1`, `017700000001`)."""
    bare = host.strip("[]")
    try:
        return ipaddress.ip_address(bare.split("%", 1)[0])
    except ValueError:
        pass
    if bare and set(bare) <= _IPV4_SPELLING and bare[0].isdigit():
        try:  # inet_aton reads decimal, octal and hex parts the way getaddrinfo would
            return ipaddress.IPv4Address(socket.inet_aton(bare))
        except OSError:
            return None
    return None


def refusal(address: IPAddress, allow_loopback: bool) -> str | None:
    """Why riskscan must not connect to this address, or None when it is a public address."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or _nat64(address) or address.sixtofour
        if embedded is not None:
            inner = refusal(embedded, allow_loopback=False)
            return f"an IPv4 address written as IPv6 ({inner})" if inner else None
    if address in METADATA:
        return "a cloud metadata address"
    if address.is_loopback:
        return None if allow_loopback else "this computer (loopback)"
    if isinstance(address, ipaddress.IPv4Address) and address in CGNAT:
        return "a carrier-grade NAT address (100.64.0.0/10)"
    for label, flag in (("a link-local address", address.is_link_local),
                        ("a multicast address", address.is_multicast),
                        ("an unspecified address", address.is_unspecified),
                        ("a reserved address", address.is_reserved),
                        ("a private address", address.is_private),
                        ("an address that is not public", not address.is_global)):
        if flag:
            return label
    return None


def _nat64(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for a host (the one place DNS is asked)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise RefusedAddressError(
            f"the site {host} could not be found (check the address)") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def checked_addresses(host: str, port: int, resolver: Resolver,
                      allow_loopback: bool) -> list[IPAddress]:
    """The host's addresses, each checked; RefusedAddressError if any of them may not be reached.

    All must pass, not just one: otherwise a host could answer with one public and one private
    address and let the connection pick the private one."""
    literal = literal_address(host)
    if literal is not None:
        found: list[IPAddress] = [literal]
    else:
        try:
            answers = resolver(host, port)
        except OSError as exc:
            raise RefusedAddressError(
                f"the site {host} could not be found (check the address)") from exc
        found = [ipaddress.ip_address(a.split("%", 1)[0]) for a in answers]
    if not found:
        raise RefusedAddressError(f"the site {host} could not be found (check the address)")
    for address in found:
        why = refusal(address, allow_loopback)
        if why is not None:
            raise RefusedAddressError(f"{host} points to {why}, which riskscan never connects to")
    return found
