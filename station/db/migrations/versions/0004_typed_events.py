"""typed events: global uids, reasons as codes, events by order uid, the log carried over

Revision ID: 0004_typed_events
Revises: 0003_invoices
"""
import datetime as dt
import uuid

import sqlalchemy as sa
import uuid6
from alembic import op

import station.db.types
from station.db import legacy

revision = '0004_typed_events'
down_revision = '0003_invoices'
branch_labels = None
depends_on = None


def _fill_uids(conn, table: str) -> None:
    t = sa.table(table, sa.column('id', sa.Integer()), sa.column('uid', sa.Uuid()))
    ids = [row[0] for row in conn.execute(sa.select(t.c.id).order_by(t.c.id))]
    for row_id in ids:
        conn.execute(t.update().where(t.c.id == row_id)
                     .values(uid=uuid.UUID(str(uuid6.uuid7()))))


def upgrade() -> None:
    conn = op.get_bind()
    for table in ('orders', 'order_lines', 'parcels'):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('uid', sa.Uuid(), nullable=True))
        _fill_uids(conn, table)
        with op.batch_alter_table(table) as batch:
            batch.alter_column('uid', existing_type=sa.Uuid(), nullable=False)
            batch.create_unique_constraint(f'uq_{table}_uid', ['uid'])

    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('hold_code', sa.String(60), nullable=False, server_default=''))
        batch.add_column(sa.Column('hold_params', sa.JSON(), nullable=False, server_default='{}'))
        batch.add_column(sa.Column('problem_code', sa.String(60), nullable=False, server_default=''))
        batch.add_column(sa.Column('problem_params', sa.JSON(), nullable=False, server_default='{}'))
        batch.add_column(sa.Column('assigned_operator', sa.String(80), nullable=False,
                                   server_default=''))

    with op.batch_alter_table('events') as batch:
        batch.add_column(sa.Column('version', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('order_uid', sa.Uuid(), nullable=True))
    orders = sa.table('orders', sa.column('id', sa.Integer()), sa.column('uid', sa.Uuid()))
    events = sa.table('events', sa.column('order_id', sa.Integer()),
                      sa.column('order_uid', sa.Uuid()), sa.column('type', sa.String()),
                      sa.column('version', sa.Integer()))
    conn.execute(events.update().values(order_uid=sa.select(orders.c.uid).where(
        orders.c.id == events.c.order_id).scalar_subquery()))
    # A closed manifest was already a plain fact in the shape it has now.
    conn.execute(events.update().where(events.c.type == 'manifest_closed').values(version=1))

    legacy.carry_over(conn, dt.datetime.now(dt.UTC))

    with op.batch_alter_table('orders') as batch:
        batch.drop_column('hold_reason')
        batch.drop_column('problem')
    with op.batch_alter_table('events') as batch:
        batch.drop_index('ix_events_order_id')
        batch.drop_constraint('fk_events_order_id_orders', type_='foreignkey')
        batch.drop_column('order_id')
        batch.create_index('ix_events_order_uid', ['order_uid'], unique=False)


def downgrade() -> None:
    raise NotImplementedError("events written by typed releases cannot be turned back into prose")
