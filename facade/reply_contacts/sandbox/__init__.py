"""A stateful local Contact Data API server: the SDK's embedded default and test bed.

``Sandbox`` runs it in-process (uvicorn in a background thread); ``create_app`` gives the bare
ASGI app; ``reply-contacts sandbox serve`` runs it from the command line. It needs the
[sandbox] extra.
"""

try:  # the [sandbox] extra: without it, say how to get it (the original error chained)
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
except ImportError as missing:
    raise ImportError(
        f"reply_contacts.sandbox needs the [sandbox] extra ({missing.name} is not installed): "
        'pip install "reply-contacts[sandbox]"',
        name=missing.name,
    ) from missing

from .app import create_app
from .edge import ConnectionDropped
from .embedded import Sandbox
from .faults import FaultRule
from .ratelimit import RateLimitConfig
from .state import DEFAULT_API_KEY, SandboxState

__all__ = [
    "DEFAULT_API_KEY",
    "ConnectionDropped",
    "FaultRule",
    "RateLimitConfig",
    "Sandbox",
    "SandboxState",
    "create_app",
]
