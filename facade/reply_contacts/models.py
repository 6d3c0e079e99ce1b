"""The generated attrs models, re-exported: what the facade's methods return.

Enums are open (an unknown value from the server is kept as a pseudo-member, not raised), unknown
fields are kept in `additional_properties`, and `UNSET` (a field not sent) stays distinct from
`None` (an explicit JSON null).
"""

from reply_contact_data_client.models import *  # noqa: F403 - a deliberate re-export
from reply_contact_data_client.types import UNSET, Unset  # noqa: F401 - re-exported
