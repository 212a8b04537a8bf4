"""indexen voor de pagina's op G4-schaal (miljoenen meldingen, tienduizenden metingen)

- ``ix_meting_peildatum``: eerste/laatste peildatum en jaren met metingen zonder de hele tabel te lezen;
- ``ix_melding_afgehandeld`` (afgehandeld_op, categorie, afhandeltijd_werkdagen): afhandeltijden per jaar
  en "open op de peildatum" (``afgehandeld_op IS NULL OR afgehandeld_op >= …``) uit de index;
- ``ix_melding_ontvangen_wijk`` (ontvangen_op, wijk_id, categorie): tellingen per wijk en categorie in een
  jaar uit de index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('meting', schema=None) as batch_op:
        batch_op.create_index('ix_meting_peildatum', ['peildatum'], unique=False)
    with op.batch_alter_table('melding', schema=None) as batch_op:
        batch_op.create_index('ix_melding_afgehandeld', ['afgehandeld_op', 'categorie', 'afhandeltijd_werkdagen'],
                              unique=False)
        batch_op.create_index('ix_melding_ontvangen_wijk', ['ontvangen_op', 'wijk_id', 'categorie'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('melding', schema=None) as batch_op:
        batch_op.drop_index('ix_melding_ontvangen_wijk')
        batch_op.drop_index('ix_melding_afgehandeld')
    with op.batch_alter_table('meting', schema=None) as batch_op:
        batch_op.drop_index('ix_meting_peildatum')
