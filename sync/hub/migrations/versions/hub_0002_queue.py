"""The hub's queue of claimable orders: one row per queued order, kept by triggers on the
projection's `orders` and on `hub_leases`, so a claim reads the free ones straight from a
partial index in urgency order instead of stepping over leased orders one by one.

Revision ID: hub_0002_queue
Revises: hub_0001_tables
"""

import sqlalchemy as sa
from alembic import op

revision = "hub_0002_queue"
down_revision = "hub_0001_tables"
branch_labels = None
depends_on = None

# A queued order's row follows the order; a lease of it (live) takes it out of the free index,
# and an order with a lease row, live or run out, is free to any bench once the lease ends
# (the lead's choice of bench, `for_bench`, holds only for an order never leased).
ORDER_TRIGGER = """
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

LEASE_TRIGGER = """
CREATE FUNCTION hub_queue_lease() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE hub_queue AS q SET leased_until = NULL, for_bench = o.bench_id
        FROM orders AS o WHERE q.order_uid = OLD.order_uid AND o.uid = OLD.order_uid;
    ELSE
        UPDATE hub_queue SET leased_until = NEW.expires_at, for_bench = NULL
        WHERE order_uid = NEW.order_uid;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER hub_queue_lease
    AFTER INSERT OR DELETE OR UPDATE OF expires_at, bench
    ON hub_leases FOR EACH ROW EXECUTE FUNCTION hub_queue_lease();
"""

INDEXES = """
CREATE INDEX hub_queue_free ON hub_queue (priority DESC, queue_cutoff, created_at, order_id)
    WHERE leased_until IS NULL;
CREATE INDEX hub_queue_leased ON hub_queue (leased_until) WHERE leased_until IS NOT NULL;
"""

FILL = """
INSERT INTO hub_queue
    (order_uid, order_id, priority, queue_cutoff, created_at, for_bench, leased_until)
SELECT o.uid, o.id, o.priority, o.queue_cutoff, o.created_at,
       CASE WHEN l.order_uid IS NULL THEN o.bench_id END,
       CASE WHEN l.expires_at >= now() THEN l.expires_at END
FROM orders AS o LEFT JOIN hub_leases AS l ON l.order_uid = o.uid
WHERE o.status = 'queued'
"""


def upgrade() -> None:
    op.create_table(
        "hub_queue",
        sa.Column("order_uid", sa.Uuid, primary_key=True),
        sa.Column("order_id", sa.Integer, nullable=False),
        sa.Column("priority", sa.Integer, nullable=False),
        sa.Column("queue_cutoff", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("for_bench", sa.Integer),
        sa.Column("leased_until", sa.DateTime(timezone=True)),
    )
    op.execute(INDEXES)
    op.execute(ORDER_TRIGGER)
    op.execute(LEASE_TRIGGER)
    op.execute(FILL)


def downgrade() -> None:
    op.execute("DROP TRIGGER hub_queue_lease ON hub_leases")
    op.execute("DROP TRIGGER hub_queue_order ON orders")
    op.execute("DROP FUNCTION hub_queue_lease()")
    op.execute("DROP FUNCTION hub_queue_order()")
    op.drop_table("hub_queue")
