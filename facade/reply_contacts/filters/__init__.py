"""Filter builders: contact and account filters composed in Python, validated before sending.

    from reply_contacts.filters import AccountFields, ContactFields, ContactFilter, segments

    vps = ContactFields.title.contains("VP") & (ContactFields.country == "US")
    client.contacts.filter(vps.in_list(12).sort(ContactFields.last_name))
    client.contacts.count(vps)
    client.accounts.filter(
        AccountFields.company_size.in_(["51-200"]) & (AccountFields.owner_id == 2)
    )

`ContactFields` / `AccountFields` are the namespaces of filterable properties (not the records:
those are the generated `reply_contacts.models.Contact` and `ContactAccount`). A field's methods
and operators build a rule; rules combine with `&` into a `ContactFilter` / `AccountFilter`,
whose `to_body()` is exactly the request body. Every rule of a filter must match: the API has no
OR, so `|` raises and says so.

Python binds `&` tighter than `==`, so `A & ContactFields.country == "US"` means
`(A & ContactFields.country) == "US"`; that form is completed into the filter you meant rather
than silently building something else.

Modules: `contact`, `account` (the two families), `segments` (ready-made contact filters),
`query` (a filter on its way to a request), `_base` (what the families share).
"""

from ._base import FilterError
from .account import AccountField, AccountFields, AccountFilter, AccountRule, AccountValue
from .contact import ContactField, ContactFields, ContactFilter, ContactRule
from .query import filter_query, resolve_filter_body
from .segments import Segments, segments

__all__ = [
    "AccountField",
    "AccountFields",
    "AccountFilter",
    "AccountRule",
    "AccountValue",
    "ContactField",
    "ContactFields",
    "ContactFilter",
    "ContactRule",
    "FilterError",
    "Segments",
    "filter_query",
    "resolve_filter_body",
    "segments",
]
