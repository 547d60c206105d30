"""Every table module, imported so that `Base.metadata` knows them all (Alembic autogenerate, tests).

Add one import line per table module.
"""
