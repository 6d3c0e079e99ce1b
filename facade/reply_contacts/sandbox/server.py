"""Serve the sandbox app with uvicorn, in a background thread or in the foreground (CLI).

The socket is bound here, before uvicorn starts, so port 0 yields a real free port that is
known (and already accepting into the backlog) by the time the URL is handed out. uvicorn
runs with a protocol subclass that registers every connection's transport, which is how a
fault can hang up on a request (see ``connections.py``).
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from typing import Any

import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

from .connections import ConnectionRegistry


def tracked_protocol(registry: ConnectionRegistry) -> type[asyncio.Protocol]:
    class TrackedH11Protocol(H11Protocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            registry.register(transport)

        def connection_lost(self, exc: Exception | None) -> None:
            registry.unregister(self.transport)
            super().connection_lost(exc)

    return TrackedH11Protocol


def bind_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # proto=IPPROTO_TCP matters: asyncio only disables Nagle on sockets that say they are TCP,
    # and without TCP_NODELAY every response with a body waits ~40 ms for a delayed ACK.
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.setblocking(False)
    return sock


def url_for(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


class SandboxServer:
    """One uvicorn server on an already bound socket."""

    def __init__(
        self,
        app: ASGIApp,
        registry: ConnectionRegistry,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        log_level: str = "warning",
    ) -> None:
        self.socket = bind_socket(host, port)
        self.url = url_for(self.socket)
        config = uvicorn.Config(
            app,
            log_level=log_level,
            access_log=False,
            lifespan="off",
            http=tracked_protocol(registry),
            timeout_graceful_shutdown=2,
            # scope["client"] must stay the real peer: faults find the connection by it.
            proxy_headers=False,
        )
        self.server: Any = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    def serve_forever(self) -> None:
        """Run in the calling thread until SIGINT/SIGTERM (uvicorn installs the handlers)."""
        self.server.run(sockets=[self.socket])

    def start(self, timeout: float = 10.0) -> None:
        self._thread = threading.Thread(
            target=self.server.run,
            kwargs={"sockets": [self.socket]},
            name="reply-sandbox",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self._thread.is_alive():
                raise RuntimeError("the sandbox server failed to start")
            if time.monotonic() > deadline:
                raise TimeoutError("the sandbox server did not start in time")
            time.sleep(0.005)

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.socket.close()
