"""The address guard's decisions, address by address (pure: nothing is looked up or sent)."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scanner.net.guard import RefusedAddressError, checked_addresses, literal_address, refusal

REFUSED = {
    "10.0.0.1": "private", "172.16.5.4": "private", "192.168.1.1": "private",
    "169.254.169.254": "metadata", "169.254.10.1": "link-local", "100.64.0.1": "carrier-grade",
    "100.127.255.254": "carrier-grade", "224.0.0.1": "multicast", "239.255.255.250": "multicast",
    "0.0.0.0": "unspecified", "240.0.0.1": "reserved", "255.255.255.255": "reserved",
    "192.0.2.10": "private", "198.18.0.1": "private",
    "fd00:ec2::254": "metadata", "fd12:3456::1": "private", "fe80::1": "link-local",
    "ff02::1": "multicast", "::": "unspecified", "::ffff:10.0.0.1": "IPv6",
    "::ffff:169.254.169.254": "IPv6", "64:ff9b::a00:1": "IPv6", "2002:c0a8:101::1": "IPv6",
    "2001:db8::1": "private",
}
LOOPBACK = ["127.0.0.1", "127.45.6.7", "::1"]
PUBLIC = ["93.184.215.14", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4009:81f::200e"]


@pytest.mark.parametrize(("text", "word"), sorted(REFUSED.items()))
def test_refused_whatever_the_loopback_setting(text: str, word: str) -> None:
    address = ipaddress.ip_address(text)
    for allow in (False, True):
        why = refusal(address, allow_loopback=allow)
        assert why is not None and word in why


@pytest.mark.parametrize("text", LOOPBACK)
def test_loopback_only_with_the_test_setting(text: str) -> None:
    address = ipaddress.ip_address(text)
    assert refusal(address, allow_loopback=False) == "this computer (loopback)"
    assert refusal(address, allow_loopback=True) is None


def test_mapped_loopback_stays_refused_even_in_test_mode() -> None:
    # The setting lets 127.0.0.0/8 and ::1 through and nothing else.
    assert refusal(ipaddress.ip_address("::ffff:127.0.0.1"), allow_loopback=True) is not None


@pytest.mark.parametrize("text", PUBLIC)
def test_public_addresses_pass(text: str) -> None:
    assert refusal(ipaddress.ip_address(text), allow_loopback=False) is None


@pytest.mark.parametrize(("spelling", "means"), [
    ("2130706433", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("017700000001", "127.0.0.1"),
    ("0x7f000001", "127.0.0.1"), ("127.1", "127.0.0.1"), ("0251.0376.0251.0376", "169.254.169.254"),
    ("2852039166", "169.254.169.254"), ("[::1]", "::1"), ("167772161", "10.0.0.1")])
def test_ipv4_spellings_read_without_a_lookup(spelling: str, means: str) -> None:
    assert literal_address(spelling) == ipaddress.ip_address(means)
    with pytest.raises(RefusedAddressError):
        checked_addresses(spelling, 80, _no_lookup, allow_loopback=False)


@pytest.mark.parametrize("name", ["example.org", "0x7f.example", "1.2.3.4.5", "deadbeef"])
def test_names_are_not_taken_for_addresses(name: str) -> None:
    assert literal_address(name) is None


def test_every_resolved_address_must_pass() -> None:
    # One public and one private answer: refused, or the connection could pick the private one.
    def two(host: str, port: int) -> list[str]:
        return ["93.184.215.14", "10.0.0.7"]

    with pytest.raises(RefusedAddressError, match="private"):
        checked_addresses("mixed.example", 443, two, allow_loopback=True)


def test_a_host_that_resolves_to_metadata_is_refused() -> None:
    with pytest.raises(RefusedAddressError, match="metadata"):
        checked_addresses("evil.example", 80, lambda h, p: ["169.254.169.254"], True)


def test_a_name_that_cannot_be_found_says_so() -> None:
    def missing(host: str, port: int) -> list[str]:
        raise OSError(-2, "Name or service not known")

    with pytest.raises(RefusedAddressError, match="could not be found"):
        checked_addresses("nowhere.example", 443, missing, allow_loopback=False)


@given(st.ip_addresses())
def test_any_address_is_either_public_or_refused_with_words(address: ipaddress._BaseAddress
                                                            ) -> None:
    assert isinstance(address, ipaddress.IPv4Address | ipaddress.IPv6Address)
    why = refusal(address, allow_loopback=False)
    if address.is_private or address.is_loopback or address.is_multicast:
        assert why
    if why is None:
        assert address.is_global and not address.is_multicast


def _no_lookup(host: str, port: int) -> list[str]:
    raise AssertionError(f"{host} should not have been looked up")
