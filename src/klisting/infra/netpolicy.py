"""Which addresses klisting may fetch from: public http(s) hosts, plus hosts the seller allows.

A catalog is data from someone else (a supplier sheet, a marketplace export). An image URL in
it must not make klisting read from the seller's own network (a router page, a NAS) or a cloud
metadata service (169.254.169.254), so a host that resolves to a loopback, private,
link-local, shared, reserved or multicast address is refused unless it is allowed:

- in the project file: ``safety: {allow_hosts: [nas.local, 10.0.0.0/8]}`` (applied by
  :func:`allow_hosts` when the project is loaded), or
- in the environment: ``KLISTING_ALLOW_HOSTS=127.0.0.1,localhost`` (comma-separated; the
  test suite allows its own 127.0.0.1 server this way).

Every redirect target goes through the same check (see ``klisting.images.fetch``). The check
resolves the name itself, so a DNS answer that changes between the check and the connection
(rebinding: public for the check, 127.0.0.1 for the download) would slip past it; the
downloader therefore also checks the address it actually connected to (:func:`check_peer`)
before it reads a byte of the body. Through an HTTP proxy that address is the proxy's, and
the proxy does the resolving: only the name check applies then.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

ENV_ALLOW_HOSTS = "KLISTING_ALLOW_HOSTS"
ALLOWED_SCHEMES = ("http", "https")

_allowed: set[str] = set()


class AddressRefused(Exception):
    """A URL klisting will not fetch; ``reason`` says why (the caller adds the hint)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


def allow_hosts(hosts: Iterable[str]) -> None:
    """Allow these host names, addresses or networks (CIDR) for the rest of the process."""
    _allowed.update(h.strip().lower() for h in hosts if h and h.strip())


def allowed_entries() -> set[str]:
    """Project-file entries plus ``KLISTING_ALLOW_HOSTS`` (read on every call)."""
    env = os.environ.get(ENV_ALLOW_HOSTS, "")
    return _allowed | {h.strip().lower() for h in env.split(",") if h.strip()}


def check_url(url: str) -> None:
    """Raise :class:`AddressRefused` unless ``url`` is http(s) to a public or allowed host."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError as error:
        raise AddressRefused(url, f"malformed URL ({error})") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise AddressRefused(url, f"unsupported URL scheme {parts.scheme!r}")
    if not host:
        raise AddressRefused(url, "the URL has no host")
    entries = allowed_entries()
    if host in entries:
        return
    for address in _addresses(host, port or 443):
        if _is_internal(address) and not _in_allowed_network(address, entries):
            raise AddressRefused(
                url,
                f"{host} is a {_kind(address)} address ({address}); klisting does not fetch "
                "from local or internal networks",
            )


def check_peer(url: str, peer: str | None) -> None:
    """Raise :class:`AddressRefused` when the connection for ``url`` reached an internal
    ``peer`` address (the IP the socket is connected to) that is not allowed."""
    if not peer:
        return
    host = (urlsplit(url).hostname or "").lower()
    entries = allowed_entries()
    if host in entries:
        return
    try:
        address = ipaddress.ip_address(peer.split("%")[0])
    except ValueError:
        return  # not an IP socket (a proxy's unix socket): nothing to compare
    if _is_internal(address) and not _in_allowed_network(address, entries):
        raise AddressRefused(
            url,
            f"{host} answered from a {_kind(address)} address ({address}) although it resolved "
            "to a public one when checked (DNS rebinding?); klisting does not fetch from local "
            "or internal networks",
        )


def _addresses(host: str, port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return []  # unresolvable: the download itself reports the connection error
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def _is_internal(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    return not address.is_global or address.is_multicast


def _kind(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    for name in ("loopback", "link_local", "private", "multicast", "unspecified", "reserved"):
        if getattr(address, f"is_{name}"):
            return name.replace("_", "-")
    return "non-public"


def _in_allowed_network(
    address: ipaddress.IPv4Address | ipaddress.IPv6Address, entries: set[str]
) -> bool:
    for entry in entries:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a host name, matched by name above
    return False
