# SmartPick Desktop — the commands a newcomer needs. `make run` and `make test` set up .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
QT_LIBS := libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3

.PHONY: run test lint bench system-deps clean dist dist-check build-deps

run: system-deps $(STAMP)
	$(VENV)/bin/smartpick

test: system-deps $(STAMP)
	$(VENV)/bin/ruff check smartpick_desktop tests benchmarks
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check smartpick_desktop tests benchmarks
	$(VENV)/bin/lint-imports

bench: system-deps $(STAMP)
	@for script in benchmarks/*.py; do \
		echo "== $$script"; QT_QPA_PLATFORM=offscreen $(PY) $$script || exit 1; \
	done

# Debian/Ubuntu: Qt needs a few system libraries even offscreen.
system-deps:
	@if command -v dpkg >/dev/null 2>&1; then \
		missing=""; for p in $(QT_LIBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
		if [ -n "$$missing" ]; then \
			if [ "$$(id -u)" = 0 ]; then \
				echo "Installing Qt system libraries:$$missing"; \
				apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
			else \
				echo "Qt needs system libraries. Run: sudo apt-get install -y$$missing"; exit 1; \
			fi; \
		fi; \
	fi

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test,build]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# The one-folder app (dist/smartpick/) and, on Debian/Ubuntu, dist/smartpick_<version>_amd64.deb.
dist: system-deps build-deps $(STAMP)
	$(VENV)/bin/pyinstaller build.spec --noconfirm
	@if [ "$$(uname -s)" = Linux ] && command -v dpkg-deb >/dev/null 2>&1; then \
		packaging/linux/build_deb.sh; \
	else echo "dist: not a Debian-like Linux, no .deb built (see docs/packaging.md)"; fi

# Frozen smoke test: the built app from another folder, the unpacked .deb, sizes.
dist-check: dist
	$(PY) packaging/dist_check.py

# PyInstaller needs objdump (binutils) on Linux; the .deb needs dpkg-deb.
build-deps:
	@if command -v dpkg >/dev/null 2>&1 && ! command -v objdump >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing build tools: binutils"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends binutils; \
		else \
			echo "Building needs binutils. Run: sudo apt-get install -y binutils"; exit 1; \
		fi; \
	fi

clean:
	rm -rf build dist .pytest_cache .ruff_cache
