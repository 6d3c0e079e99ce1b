"""A tiny HTTP/1.1 server on loopback whose every answer a test scripts, byte for byte and paced.

The sandbox is a well-behaved server. These tests need a hostile one: it trickles its answer a
byte at a time, redirects forever, answers whoami with nonsense, or echoes the credentials it
received. Each connection serves one request (`Connection: close`), then closes; everything it
does is bounded (a read timeout, the answer's length, a stop event set on exit).
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from types import TracebackType

_MAX_HEAD = 65_536


@dataclass(frozen=True)
class Received:
    """One request as the server read it (header names lowercased)."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Answer:
    """What to send back. With `pace` > 0 the body (and with `trickle_head` the status line and
    headers too) goes out one byte every `pace` seconds."""

    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    pace: float = 0.0
    trickle_head: bool = False


@dataclass
class Delivery:
    """How far one answer got before the client hung up (or the answer ended)."""

    total: int
    sent: int = 0
    trickled: int = 0  # of which sent one by one, paced
    completed: bool = False


class LoopbackServer:
    def __init__(self, answer: Callable[[Received], Answer]) -> None:
        self._answer = answer
        self._stop = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self.received: list[Received] = []
        self.deliveries: list[Delivery] = []

    @property
    def url(self) -> str:
        host, port = self._listener.getsockname()[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> LoopbackServer:
        thread = threading.Thread(target=self._accept, name="loopback-accept", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._stop.set()
        for thread in list(self._threads):
            thread.join(timeout=10)
        self._listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            with self._lock:
                self._threads.append(thread)
            thread.start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            received = _read_request(conn)
            if received is None:
                return
            with self._lock:
                self.received.append(received)
            answer = self._answer(received)
            head, body = _encode(answer)
            delivery = Delivery(total=len(head) + len(body))
            with self._lock:
                self.deliveries.append(delivery)
            paced_head = answer.pace if answer.trickle_head else 0.0
            try:
                self._send(conn, head, paced_head, delivery)
                self._send(conn, body, answer.pace, delivery)
            except OSError:
                return  # the client hung up
            delivery.completed = delivery.sent == delivery.total

    def _send(self, conn: socket.socket, data: bytes, pace: float, delivery: Delivery) -> None:
        if pace <= 0:
            conn.sendall(data)
            delivery.sent += len(data)
            return
        for position in range(len(data)):
            if self._stop.is_set():
                raise OSError("server stopping")
            conn.sendall(data[position : position + 1])
            delivery.sent += 1
            delivery.trickled += 1
            self._stop.wait(pace)


def _read_request(conn: socket.socket) -> Received | None:
    data = b""
    try:
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(4096)
            if not chunk or len(data) > _MAX_HEAD:
                return None
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _version = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0"))
        while len(rest) < length:
            chunk = conn.recv(65_536)
            if not chunk:
                return None
            rest += chunk
    except (OSError, ValueError):
        return None
    return Received(method, path, headers, rest[:length])


def _encode(answer: Answer) -> tuple[bytes, bytes]:
    try:
        reason = HTTPStatus(answer.status).phrase
    except ValueError:
        reason = "Unknown"
    lines = [f"HTTP/1.1 {answer.status} {reason}"]
    lines += [f"{name}: {value}" for name, value in answer.headers]
    lines += [f"Content-Length: {len(answer.body)}", "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1"), answer.body
