import asyncio, threading, time
import httpx
from facade_support import client_options
from reply_contacts import AsyncReplyContacts
from reply_contacts.transport import InMemoryLimiter
from test_facade_ratelimit import POLICY, limit_sandbox, WORKERS, HAMMER_SECONDS

async def test_debug(sb):
    cid = limit_sandbox(sb)
    events = []
    lock = threading.Lock()
    class RecA(httpx.AsyncHTTPTransport):
        async def handle_async_request(self, req):
            t = time.monotonic()
            r = await super().handle_async_request(req)
            with lock: events.append(("send", t, r.status_code))
            return r
    orig = sb.state.limiter.acquire
    def acq(uid):
        t = time.monotonic(); w = orig(uid)
        with lock: events.append(("arrive", t, w))
        return w
    sb.state.limiter.acquire = acq
    lim = InMemoryLimiter(POLICY)
    orig_res = lim._reserve_locked
    def res(budget, started, max_wait):
        s = orig_res(budget, started, max_wait)
        with lock: events.append(("slot", budget.sends[-1], time.monotonic()))
        return s
    lim._reserve_locked = res
    options = client_options(sb, rate_limit=POLICY, limiter=InMemoryLimiter(POLICY))
    try:
        async with AsyncReplyContacts(**options) as client:
            stop = time.monotonic() + HAMMER_SECONDS
            async def hammer():
                while time.monotonic() < stop:
                    await client.contacts.get(cid)
            await asyncio.gather(*(hammer() for _ in range(WORKERS)))
    finally:
        sb.state.limiter.acquire = orig
    st = sb.stats()
    if st["rateLimited"]:
        t0 = min(e[1] for e in events)
        lines = [f"{e[0]:7s} {e[1]-t0:8.4f} {e[2] if e[0]!='slot' else round(e[2]-t0,4)}" for e in sorted(events, key=lambda e: e[1])]
        print("\n".join(lines))
    assert st["rateLimited"] == 0
