"""The API's resource groups as client namespaces (contacts, contact lists, custom fields,
accounts, account lists, background jobs), each written once for the sync and async clients."""
