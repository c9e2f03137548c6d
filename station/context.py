"""What a command works with: the home folder, its settings and its database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from station.config import Settings
from station.db.engine import Database


@dataclass
class AppContext:
    home: Path
    settings: Settings
    db: Database
    demo: bool = False

    @property
    def documents_dir(self) -> Path:
        return self.home / "documents"
