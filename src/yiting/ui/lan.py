"""The laptop's address on the local network, for the QR code residents scan."""

from __future__ import annotations

import socket

PORT = 8000


def lan_address() -> str:
    """The LAN IPv4 address of this machine; 127.0.0.1 when there is no network.

    Connecting a UDP socket only picks the outgoing interface: no packet is sent.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        address = probe.getsockname()[0]
    except OSError:
        address = "127.0.0.1"
    finally:
        probe.close()
    return address or "127.0.0.1"


def meeting_url(meeting_id: int, address: str | None = None) -> str:
    return f"http://{address or lan_address()}:{PORT}/m/{meeting_id}/"
