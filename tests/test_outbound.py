"""Outbound fetches (newsroom/core/outbound.py): public unicast only, by allow-list; the name is
resolved once and the connection goes to the address that was checked."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from newsroom.core import outbound
from newsroom.inspection import links

REFUSED = [
    "100.64.0.1",  # shared address space: cloud metadata services
    "100.100.100.200",  # Alibaba Cloud's metadata address
    "169.254.169.254",
    "192.0.0.8",
    "224.0.0.1",
    "239.255.255.250",
    "127.0.0.1",
    "10.0.0.1",
    "172.16.0.1",
    "192.168.1.1",
    "0.0.0.0",
    "255.255.255.255",
    "198.18.0.1",
    "::1",
    "fe80::1",
    "fc00::1",
    "ff02::1",
    "::ffff:127.0.0.1",
    "::ffff:100.64.0.1",
]


@pytest.mark.parametrize("address", REFUSED)
def test_only_public_unicast_addresses_are_fetched(address, monkeypatch):
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(family, socket.SOCK_STREAM, 6, "", (address, 80))])
    assert not outbound.is_public(address)
    result = links.fetch("http://metadata.example/latest/", allow_private=False)
    assert (result.ok, result.detail) == (False, "指向内网或保留地址，不予访问")


def test_public_addresses_pass():
    assert outbound.is_public("8.8.8.8") and outbound.is_public("2400:3200::1")


class _Hello(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_name_is_resolved_once_and_the_checked_address_is_the_one_connected(monkeypatch):
    """DNS rebinding: the first answer is the checked one; a second, different answer (as a
    rebinding server would give at connect time) is never asked for."""
    server = HTTPServer(("127.0.0.1", 0), _Hello)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    answers = [("127.0.0.1", port), ("10.9.9.9", port)]
    asked = []

    def rebinding(host, *args, **kwargs):
        asked.append(host)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", answers[len(asked) - 1])]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    try:
        result = links.fetch(f"http://rebind.example:{port}/", allow_private=True)
    finally:
        server.shutdown()
    assert result.ok and result.status_code == 204
    assert asked == ["rebind.example"]
