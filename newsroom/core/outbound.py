"""Every request this site makes to another server goes through here (the link checker today,
any channel push later).

- **One resolution, pinned**: the name is resolved once and the connection goes to the address
  that was checked, so a DNS answer that changes between the check and the connect (rebinding
  to 127.0.0.1) reaches nothing new. TLS still verifies the certificate for the name.
- **Allow-list, not deny-list**: an address is fetched only when it is public unicast
  (``is_global`` and not multicast). Shared address space (100.64.0.0/10, where clouds put
  metadata services), the IETF block (192.0.0.0/24), link-local, loopback, private,
  multicast, reserved and IPv4-mapped forms of these all fail that test.

``allow_private`` (tests against servers on loopback) skips only the address test; the
resolution is still done once and pinned.
"""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.utils.translation import gettext as _


class OutboundRefused(Exception):
    """The address may not be fetched; the message says why, in Chinese, for the desk."""


# IANA's special-purpose blocks (RFC 6890 registries), stated here rather than taken from the
# running Python's ``is_global``, whose table differs between patch releases (3.11.7 calls
# 192.0.0.8 global).
SPECIAL_V4 = [
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
        "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24",
        "192.168.0.0/16", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
        "224.0.0.0/4", "240.0.0.0/4",
    )
]  # fmt: skip
GLOBAL_UNICAST_V6 = ipaddress.ip_network("2000::/3")
SPECIAL_V6 = [ipaddress.ip_network(n) for n in ("2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20")]


def is_public(address):
    """Allowed: IPv4 outside every special-purpose block, IPv6 inside global unicast (2000::/3)
    and outside its special blocks (Teredo, 6to4, documentation); IPv4-mapped forms as IPv4."""
    address = ipaddress.ip_address(address)
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        else:
            return address in GLOBAL_UNICAST_V6 and not any(address in n for n in SPECIAL_V6)
    return not any(address in n for n in SPECIAL_V4)


def resolve(host, port, allow_private=False):
    """The one address ``host`` is fetched at."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise OutboundRefused(_("域名无法解析")) from None
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise OutboundRefused(_("域名无法解析"))
    if not allow_private and not all(is_public(a) for a in addresses):
        raise OutboundRefused(_("指向内网或保留地址，不予访问"))
    return addresses[0]


def _connect(address, port, timeout):
    """A TCP connection to the numeric ``address`` itself: no second name lookup."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect((address, port))
    except BaseException:
        sock.close()
        raise
    return sock


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, **kwargs)
        self.pinned = address

    def connect(self):
        self.sock = _connect(self.pinned, self.port, self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host, port, address, **kwargs):
        super().__init__(host, port, context=ssl.create_default_context(), **kwargs)
        self.pinned = address

    def connect(self):
        sock = _connect(self.pinned, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def connection(url, timeout, allow_private=False):
    """An unopened HTTP(S) connection for ``url``, pinned to its one checked address, and the
    request path. Raises ``OutboundRefused`` for other schemes and non-public addresses."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise OutboundRefused(_("不支持的网址：%(url)s") % {"url": url[:100]})
    https = parts.scheme == "https"
    try:
        port = parts.port or (443 if https else 80)
    except ValueError:
        raise OutboundRefused(_("不支持的网址：%(url)s") % {"url": url[:100]}) from None
    address = resolve(parts.hostname, port, allow_private)
    kind = _PinnedHTTPS if https else _PinnedHTTP
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return kind(parts.hostname, port, address, timeout=timeout), path
