"""follow-up orders: the order whose backorder a follow-up order ships; the outbox's last error
as a message code and its parameters (older English sentences kept as `legacy_text`)

Revision ID: 0011_backorder_followups
Revises: 0010_pick_batches
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_backorder_followups'
down_revision = '0010_pick_batches'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('orders') as batch:
        batch.add_column(sa.Column('backorder_of', sa.String(length=40), nullable=False,
                                   server_default=''))
    with op.batch_alter_table('orders') as batch:
        batch.alter_column('backorder_of', existing_type=sa.String(length=40),
                           server_default=None)
    with op.batch_alter_table('outbox') as batch:
        batch.add_column(sa.Column('last_error_params', sa.JSON(), nullable=True))
    outbox = sa.table('outbox', sa.column('id', sa.Integer()), sa.column('last_error', sa.Text()),
                      sa.column('last_error_params', sa.JSON()))
    conn = op.get_bind()
    for row_id, said in conn.execute(sa.select(outbox.c.id, outbox.c.last_error)).all():
        code, params = ('legacy_text', {'text': said}) if said else ('', {})
        conn.execute(sa.update(outbox).where(outbox.c.id == row_id)
                     .values(last_error=code, last_error_params=params))
    with op.batch_alter_table('outbox') as batch:
        batch.alter_column('last_error_params', existing_type=sa.JSON(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch:
        batch.drop_column('last_error_params')
    with op.batch_alter_table('orders') as batch:
        batch.drop_column('backorder_of')
