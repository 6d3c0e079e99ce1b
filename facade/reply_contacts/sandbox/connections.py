"""Which TCP transport carries which client, so a fault can close a request's connection.

ASGI gives an application no way to hang up: an exception raised before the response
starts makes uvicorn answer 500 instead. The sandbox's server therefore runs uvicorn with a
protocol subclass (see ``server.py``) that registers each connection's transport here under
its peer address, which is exactly what uvicorn puts in ``scope["client"]``.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

PeerAddress = tuple[str, int]


def peer_address(info: Any) -> PeerAddress | None:
    if isinstance(info, (tuple, list)) and len(info) >= 2:
        return str(info[0]), int(info[1])
    return None


class ConnectionRegistry:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._transports: dict[PeerAddress, asyncio.BaseTransport] = {}

    def register(self, transport: asyncio.BaseTransport) -> None:
        peer = peer_address(transport.get_extra_info("peername"))
        if peer is not None:
            with self._lock:
                self._transports[peer] = transport

    def unregister(self, transport: asyncio.BaseTransport) -> None:
        peer = peer_address(transport.get_extra_info("peername"))
        with self._lock:
            if peer is not None and self._transports.get(peer) is transport:
                del self._transports[peer]

    def close(self, client: Any) -> bool:
        """Close the connection of ``scope["client"]``; False when it is not ours to close."""
        peer = peer_address(client)
        with self._lock:
            transport = self._transports.get(peer) if peer else None
        if transport is None or transport.is_closing():
            return False
        transport.close()
        return True
