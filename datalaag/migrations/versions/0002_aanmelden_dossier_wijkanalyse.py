"""aanmeldpogingen, sessiegeneratie, dossier met wijk/naam/versie, status van de wijkanalyse

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('aanmeldpoging',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('tijdstip', sa.DateTime(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('ip', sa.String(length=45), nullable=False),
    sa.Column('gelukt', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_aanmeldpoging'))
    )
    with op.batch_alter_table('aanmeldpoging', schema=None) as batch_op:
        batch_op.create_index('ix_aanmeldpoging_email_tijdstip', ['email', 'tijdstip'], unique=False)
        batch_op.create_index('ix_aanmeldpoging_ip_tijdstip', ['ip', 'tijdstip'], unique=False)

    with op.batch_alter_table('gebruiker', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sessie_generatie', sa.Integer(), server_default='0', nullable=False))

    with op.batch_alter_table('mutatie', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gebruiker_naam', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('wijk_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('versie', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_mutatie_wijk_id'), ['wijk_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_mutatie_wijk_id_wijk'), 'wijk', ['wijk_id'], ['id'])

    with op.batch_alter_table('wijkanalyse', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), server_default='ingediend', nullable=False))
        batch_op.add_column(sa.Column('ingediend_op', sa.Date(), nullable=True))
        batch_op.create_check_constraint(op.f('ck_wijkanalyse_status'), "status IN ('concept', 'ingediend')")


def downgrade() -> None:
    with op.batch_alter_table('wijkanalyse', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_wijkanalyse_status'), type_='check')
        batch_op.drop_column('ingediend_op')
        batch_op.drop_column('status')

    with op.batch_alter_table('mutatie', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_mutatie_wijk_id_wijk'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_mutatie_wijk_id'))
        batch_op.drop_column('versie')
        batch_op.drop_column('wijk_id')
        batch_op.drop_column('gebruiker_naam')

    with op.batch_alter_table('gebruiker', schema=None) as batch_op:
        batch_op.drop_column('sessie_generatie')

    with op.batch_alter_table('aanmeldpoging', schema=None) as batch_op:
        batch_op.drop_index('ix_aanmeldpoging_ip_tijdstip')
        batch_op.drop_index('ix_aanmeldpoging_email_tijdstip')
    op.drop_table('aanmeldpoging')
