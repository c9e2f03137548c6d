"""A warehouse of benches on one PostgreSQL hub: joining, the replicator, claims on the hub.

A hub is a Station database on PostgreSQL (the same migrations as a bench) plus a few tables
of its own (`schema`). Each bench keeps its own SQLite and packs from it; the replicator copies
events both ways, idempotent by event id, and projects what it pulls through the one projector.
"""

# In a bench's settings once it joined a hub (`station bench join`): a bench on its own never
# reads the secrets for a hub, nor loads this package's modules.
JOINED = "hub_joined"
# In the settings of a shop a bench has only as a copy from the hub (never its secrets): the
# bench may not lead shop sync until the shop is added there with its credentials.
COPIED_SHOP = "copied_from_hub"
