"""Local store: SQLAlchemy models, the engine with its SQLite settings, Alembic migrations."""
