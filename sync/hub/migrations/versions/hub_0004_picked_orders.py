"""An order in a picker's batch or in a tote leaves the hub's queue of free orders: it is packed
by scanning its tote, never claimed by NEXT at another bench, whoever held a lease of it.

Revision ID: hub_0004_picked_orders
Revises: hub_0003_sends
"""

from alembic import op

revision = "hub_0004_picked_orders"
down_revision = "hub_0003_sends"
branch_labels = None
depends_on = None

FREE_ORDERS_TRIGGER = """
CREATE FUNCTION hub_queue_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM hub_queue WHERE order_uid = OLD.uid;
        RETURN NULL;
    END IF;
    IF NEW.status <> 'queued' OR NEW.pick_batch IS NOT NULL OR NEW.tote <> '' THEN
        DELETE FROM hub_queue WHERE order_uid = NEW.uid;
        RETURN NULL;
    END IF;
    INSERT INTO hub_queue AS q
        (order_uid, order_id, priority, queue_cutoff, created_at, for_bench, leased_until)
    SELECT NEW.uid, NEW.id, NEW.priority, NEW.queue_cutoff, NEW.created_at,
           CASE WHEN l.order_uid IS NULL THEN NEW.bench_id END,
           CASE WHEN l.expires_at >= now() THEN l.expires_at END
    FROM (SELECT 1) AS one LEFT JOIN hub_leases AS l ON l.order_uid = NEW.uid
    ON CONFLICT (order_uid) DO UPDATE SET
        priority = EXCLUDED.priority, queue_cutoff = EXCLUDED.queue_cutoff,
        created_at = EXCLUDED.created_at, for_bench = EXCLUDED.for_bench,
        leased_until = EXCLUDED.leased_until;
    RETURN NULL;
END $$;
CREATE TRIGGER hub_queue_order
    AFTER INSERT OR DELETE OR UPDATE OF status, priority, queue_cutoff, created_at, bench_id, pick_batch, tote
    ON orders FOR EACH ROW EXECUTE FUNCTION hub_queue_order();
"""

# hub_0002's, for the way back
QUEUED_ORDERS_TRIGGER = """
CREATE FUNCTION hub_queue_order() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        DELETE FROM hub_queue WHERE order_uid = OLD.uid;
        RETURN NULL;
    END IF;
    IF NEW.status <> 'queued' THEN
        DELETE FROM hub_queue WHERE order_uid = NEW.uid;
        RETURN NULL;
    END IF;
    INSERT INTO hub_queue AS q
        (order_uid, order_id, priority, queue_cutoff, created_at, for_bench, leased_until)
    SELECT NEW.uid, NEW.id, NEW.priority, NEW.queue_cutoff, NEW.created_at,
           CASE WHEN l.order_uid IS NULL THEN NEW.bench_id END,
           CASE WHEN l.expires_at >= now() THEN l.expires_at END
    FROM (SELECT 1) AS one LEFT JOIN hub_leases AS l ON l.order_uid = NEW.uid
    ON CONFLICT (order_uid) DO UPDATE SET
        priority = EXCLUDED.priority, queue_cutoff = EXCLUDED.queue_cutoff,
        created_at = EXCLUDED.created_at, for_bench = EXCLUDED.for_bench,
        leased_until = EXCLUDED.leased_until;
    RETURN NULL;
END $$;
CREATE TRIGGER hub_queue_order
    AFTER INSERT OR DELETE OR UPDATE OF status, priority, queue_cutoff, created_at, bench_id
    ON orders FOR EACH ROW EXECUTE FUNCTION hub_queue_order();
"""

DROP = "DROP TRIGGER hub_queue_order ON orders; DROP FUNCTION hub_queue_order();"


def upgrade() -> None:
    op.execute(DROP)
    op.execute(FREE_ORDERS_TRIGGER)
    op.execute(
        "DELETE FROM hub_queue AS q USING orders AS o"
        " WHERE q.order_uid = o.uid AND (o.pick_batch IS NOT NULL OR o.tote <> '')"
    )


def downgrade() -> None:
    op.execute(DROP)
    op.execute(QUEUED_ORDERS_TRIGGER)
