"""Every table module, imported so that `Base.metadata` knows them all (Alembic autogenerate, tests).

Add one import line per table module.
"""
from store.models import (
    api_keys,  # noqa: F401
    characters,  # noqa: F401
    coach_retries,  # noqa: F401
    sessions,  # noqa: F401
)
