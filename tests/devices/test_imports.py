"""Every device and domain module imports on its own: no module needs its importer first."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import station

PACKAGES = ("devices", "domain")

# Each module in a clean slate of station.* modules, all in one interpreter to stay quick.
CHECK = """
import importlib, sys
failed = []
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "station" or m.startswith("station.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {type(exc).__name__}: {exc}")
print("\\n".join(failed))
"""


def _modules() -> list[str]:
    root = Path(station.__file__).parent
    names = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root.parent).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_each_device_and_domain_module_imports_alone() -> None:
    modules = _modules()
    assert "station.devices.protocols.registry" in modules
    done = subprocess.run(
        [sys.executable, "-c", CHECK, *modules],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.strip() == ""
