"""What a command works with: the home folder, its settings, its database and its clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from station.services.clock import ClockWatch

if TYPE_CHECKING:  # annotations only: the command line imports this before any database
    from station.config import Settings
    from station.db.engine import Database


@dataclass
class AppContext:
    home: Path
    settings: Settings
    db: Database
    demo: bool = False
    # The one wall clock of the process, watched for jumps: everything that stamps or waits
    # reads it here.
    clock: ClockWatch = field(default_factory=ClockWatch)

    @property
    def documents_dir(self) -> Path:
        return self.home / "documents"
