"""The database: SQLAlchemy 2 engine and sessions from DATABASE_URL, tables on one Base, Alembic migrations."""
