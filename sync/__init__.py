"""Shop sync: orders in, tracking and shipped status out through the outbox. No Qt here.

The core and the UI call: `SyncWorker(ctx).start()/stop()`, `sync_status(ctx)`,
`recheck_order(ctx, order_id, timeout_s)`, `add_sync_commands(subparsers)`, and for a catalogue
file `read_products_csv` + `apply_products` (or `station products import FILE.csv`).
"""
