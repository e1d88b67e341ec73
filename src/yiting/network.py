"""This laptop on the local network: the address phones on the same Wi-Fi reach."""

from __future__ import annotations

import socket

DEFAULT_PORT = 8000


def lan_address() -> str:
    """This laptop's address on the local network, or 127.0.0.1 when there is no network.
    Sends nothing: connecting a UDP socket only picks a route."""
    for probe in ("192.168.0.1", "10.0.0.1", "172.16.0.1"):
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                address = sock.getsockname()[0]
            if address and not address.startswith("127."):
                return address
        except OSError:
            continue
    try:
        address = socket.gethostbyname(socket.gethostname())
        if not address.startswith("127."):
            return address
    except OSError:
        pass
    return "127.0.0.1"


def public_host(host: str) -> str:
    """The host to print and put in QR codes for a server listening on `host`."""
    return lan_address() if host in ("", "0.0.0.0", "::") else host


def server_url(host: str, port: int) -> str:
    """The address phones open for a server listening on `host`:`port`."""
    return f"http://{public_host(host)}:{port}/"
