# Station: `make run` opens the bench (the demo when nothing is configured), `make test` checks
# everything, `make bench` prints performance figures.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_TOOLS := zbarimg pdftoppm pdftotext xvfb-run
# libpulse0 lets QtMultimedia load (the bench's sounds); checked by its library file.
SYSTEM_LIBS := libpulse.so.0
# Libraries Qt's X11 (xcb) window plugin loads; a desktop usually has them, a minimal system not.
WINDOW_LIBS := libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1 libxkbcommon-x11.so.0
WINDOW_PKGS := libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0

.PHONY: run test lint typecheck pytest bench screenshots system-deps window-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP) window-deps
	$(BIN)/station

# What the window needs from the system to open on X11.
window-deps:
	@missing=""; for l in $(WINDOW_LIBS); do ldconfig -p 2>/dev/null | grep -q "$$l" || missing="$$missing $$l"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing $(WINDOW_PKGS) for the window (missing:$$missing)"; \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      $(WINDOW_PKGS) >/dev/null || echo "could not install:$$missing"; \
	  else echo "the window needs$$missing: install $(WINDOW_PKGS) (Debian/Ubuntu names)"; fi; \
	fi

# Tools the tests use to read documents back (barcodes, PDF text) and to draw windows.
system-deps:
	@missing=""; for t in $(SYSTEM_TOOLS); do command -v $$t >/dev/null 2>&1 || missing="$$missing $$t"; done; \
	for l in $(SYSTEM_LIBS); do ldconfig -p 2>/dev/null | grep -q "$$l" || missing="$$missing $$l"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing zbar-tools poppler-utils xvfb libpulse0 (missing:$$missing)"; \
	    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      zbar-tools poppler-utils xvfb libpulse0 >/dev/null || echo "could not install:$$missing (tests that need them skip)"; \
	  else echo "missing:$$missing (tests that need them skip)"; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check station sync tests bench
	$(BIN)/ruff format --check station sync tests bench
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy

# Tests run in parallel, one worker per core (PYTEST_WORKERS=0 runs them in one process).
PYTEST_WORKERS ?= auto

pytest: $(STAMP) system-deps
	$(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist worksteal

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python -m bench

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m station.ui.screenshots docs/screenshots
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m station.ui.lead_screenshots docs/screenshots

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
