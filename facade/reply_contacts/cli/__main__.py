"""``python -m reply_contacts.cli``: the same entry point as the ``reply-contacts`` command."""

from reply_contacts.cli import main

main()
