"""Whether a portal's hosts answer over IPv6 (《推进互联网协议第六版（IPv6）规模部署行动计划》:
government portals must be reachable over IPv6), for the platform's page of portals.

A host answers when it has an IPv6 address (AAAA) and a TCP connection to it succeeds within a
short timeout. Results are kept in the cache for an hour, so the page asks the network at most
once an hour per host, and every host is asked at once (a slow one does not hold up the rest).
"""

import socket
from concurrent.futures import ThreadPoolExecutor

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

TIMEOUT_SECONDS = 2
KEEP_SECONDS = 3600
ANSWERS, NO_CONNECTION, NO_ADDRESS = "answers", "no_connection", "no_address"
LABELS = {
    ANSWERS: _("可通过 IPv6 访问"),
    NO_CONNECTION: _("有 IPv6 地址，但连接失败"),
    NO_ADDRESS: _("没有 IPv6 地址（AAAA 记录）"),
}


def _probe(host):
    name, _, port = host.partition(":")
    try:
        addresses = socket.getaddrinfo(name, int(port or 80), socket.AF_INET6, socket.SOCK_STREAM)
    except (OSError, ValueError, UnicodeError):
        return NO_ADDRESS
    for *_, address in addresses:
        try:
            with socket.create_connection(address[:2], timeout=TIMEOUT_SECONDS):
                return ANSWERS
        except OSError:
            continue
    return NO_CONNECTION


def ipv6_status(hosts):
    """{host: ANSWERS | NO_CONNECTION | NO_ADDRESS} for each of ``hosts``."""
    keys = {host: f"linli:ipv6:{host}" for host in hosts}
    found = {host: cache.get(key) for host, key in keys.items()}
    missing = [host for host, status in found.items() if status is None]
    if missing:
        with ThreadPoolExecutor(max_workers=min(8, len(missing))) as pool:
            for host, status in zip(missing, pool.map(_probe, missing)):
                found[host] = status
                cache.set(keys[host], status, KEEP_SECONDS)
    return found
