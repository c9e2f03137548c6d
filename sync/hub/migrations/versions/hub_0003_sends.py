"""What the shop-sync leader is sending to a shop, written to the hub before the request leaves
and marked sent once the shop took it, so the next leader knows an update that may have reached
the shop though its ShopUpdateSent never reached the hub.

Revision ID: hub_0003_sends
Revises: hub_0002_queue
"""

import sqlalchemy as sa
from alembic import op

revision = "hub_0003_sends"
down_revision = "hub_0002_queue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_sends",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("bench", sa.String(80), nullable=False),
        sa.Column("attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True)),
    )


def downgrade() -> None:
    op.drop_table("hub_sends")
