"""A TCP proxy on loopback that delays every byte by a fixed time each way: Redis, made far.

    with DelayProxy("127.0.0.1", 6390, one_way=0.025) as proxy:   # a 50 ms round trip
        url = f"redis://127.0.0.1:{proxy.port}/0"

Each direction of each connection is a queue of (due time, chunk): a chunk is forwarded when
its due time comes, in order, so the stream keeps its bytes and their order and only arrives
later (what a long network path does, without the loss). The proxy runs its own event loop in a
daemon thread, so synchronous tests and other processes can use it.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from types import TracebackType


class DelayProxy:
    def __init__(self, target_host: str, target_port: int, *, one_way: float) -> None:
        self.target = (target_host, target_port)
        self.one_way = one_way
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()

    def __enter__(self) -> DelayProxy:
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(self._listen(), self._loop).result(10)
        self.port = int(self._server.sockets[0].getsockname()[1])
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    async def _listen(self) -> asyncio.Server:
        return await asyncio.start_server(self._accept, "127.0.0.1", 0)

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._connections):
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)

    async def _accept(
        self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            server_in, server_out = await asyncio.open_connection(*self.target)
        except OSError:
            client_out.close()
            self._connections.discard(task)
            return
        try:
            await asyncio.gather(
                self._pipe(client_in, server_out), self._pipe(server_in, client_out)
            )
        except (OSError, asyncio.CancelledError):
            pass
        finally:
            for writer in (client_out, server_out):
                writer.close()
            self._connections.discard(task)

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        loop = asyncio.get_running_loop()
        due: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

        async def forward() -> None:
            while True:
                at, chunk = await due.get()
                await asyncio.sleep(max(0.0, at - loop.time()))
                if not chunk:  # the end of the stream arrives late too
                    with contextlib.suppress(OSError):
                        sink.write_eof()
                    return
                sink.write(chunk)
                await sink.drain()

        forwarder = asyncio.create_task(forward())
        try:
            while True:
                chunk = await source.read(65536)
                await due.put((loop.time() + self.one_way, chunk))
                if not chunk:
                    break
            await forwarder
        finally:
            forwarder.cancel()
