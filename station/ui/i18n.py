"""Translations: the committed Qt Linguist `.ts` files are compiled to `.qm` at start.

They hold the widget chrome only (captions, menus, dialog titles); sentences from the core are
said through `station.domain.messages` in the bench's language.

`.qm` files are build output, not committed; they go into a cache folder and are rebuilt when
the `.ts` file is newer.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)
TS_DIR = Path(__file__).parent / "i18n"
LANGUAGES = ("en", "it")


def _lrelease() -> str | None:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    return str(beside) if beside.exists() else shutil.which("pyside6-lrelease")


def compiled(language: str, cache_dir: Path) -> Path | None:
    """The `.qm` for `language`, compiled into `cache_dir` if missing or stale."""
    source = TS_DIR / f"station_{language}.ts"
    if not source.exists():
        return None
    target = cache_dir / f"station_{language}.qm"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    tool = _lrelease()
    if tool is None:
        log.warning("pyside6-lrelease not found: the window stays in English")
        return None
    cache_dir.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [tool, "-silent", str(source), "-qm", str(target)], capture_output=True, check=False
    )
    return target if result.returncode == 0 and target.exists() else None


def install_translators(app: QCoreApplication, language: str, cache_dir: Path) -> list[QTranslator]:
    """Install Station's and Qt's own translations; keep the returned list alive."""
    if language not in LANGUAGES:
        language = "en"
    installed = []
    qm = compiled(language, cache_dir)
    ours = QTranslator(app)
    if qm is not None and ours.load(str(qm)):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(language), "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
