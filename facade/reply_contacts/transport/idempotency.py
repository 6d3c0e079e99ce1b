"""Which requests can be sent twice without changing the outcome.

The contract says it per operation (`x-idempotent`, read from the generated
`reply_contact_data_client.contract`): reads, upserts by key, set-to-value actions and membership
changes may be replayed; creating a contact, adding a note or sending an email could be
duplicated by a retry. A request the contract does not describe (a raw `client.request` to
another path) falls back to what HTTP says of its method.
"""

from __future__ import annotations

__all__ = ["IDEMPOTENT_METHODS", "is_idempotent"]

# RFC 9110 §9.2.2: the methods whose repetition has the effect of a single request.
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"})


def is_idempotent(method: str, path: str) -> bool:
    """True when repeating `method path` (a concrete URL path) cannot duplicate its effect."""
    # Imported on the first retry decision: a client that never retries never loads it.
    from reply_contact_data_client.contract import find_operation

    operation = find_operation(method, path)
    if operation is not None:
        return operation.idempotent
    return method.upper() in IDEMPOTENT_METHODS
