"""The base of every table: SQLModel, with pydantic's validator built only when used.

SQLModel makes each table a pydantic model too, and pydantic builds a validator and
serializer for each class as it is defined: about a sixth of the models' import, which
comes right before home's first read. The store never validates a table row through
pydantic (rows are made by SQLAlchemy or by the store's own code, and turned into
``views``), so ``defer_build`` leaves that work to the first use, which never comes at
start-up (and is done then, transparently, if it ever does).
"""

from pydantic import ConfigDict
from sqlmodel import SQLModel


class TableModel(SQLModel):
    """Subclass with ``table=True``; adds no columns."""

    model_config = ConfigDict(defer_build=True)  # type: ignore[assignment]
