# SmartPick Desktop — the commands a newcomer needs. `make run` and `make test` set up .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
QT_LIBS := libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3
TEST_TOOLS := poppler-utils poppler-data fontconfig fonts-wqy-microhei strace
# PyInstaller needs objdump (binutils); the .deb's dpkg -i round trip needs what it
# depends on beyond QT_LIBS.
BUILD_TOOLS := binutils libxcb1 libdrm2 libxkbcommon-x11-0 libxcb-cursor0

.PHONY: run test lint bench system-deps test-deps clean dist dist-check build-deps

run: system-deps $(STAMP)
	$(VENV)/bin/smartpick

test: system-deps test-deps $(STAMP)
	$(VENV)/bin/ruff check smartpick_desktop tests benchmarks
	$(VENV)/bin/lint-imports
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest -q -n auto

lint: $(STAMP)
	$(VENV)/bin/ruff check smartpick_desktop tests benchmarks
	$(VENV)/bin/lint-imports

bench: system-deps $(STAMP)
	@for script in benchmarks/*.py; do \
		echo "== $$script"; QT_QPA_PLATFORM=offscreen $(PY) $$script || exit 1; \
	done

# $(call need,WHAT,PACKAGES): on Debian/Ubuntu, install the missing packages when root, otherwise
# print the exact apt-get line and stop. Elsewhere, say what is needed and go on.
define need
	@if command -v dpkg-query >/dev/null 2>&1; then \
		missing=""; for p in $(2); do \
			dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
		done; \
		if [ -n "$$missing" ]; then \
			if [ "$$(id -u)" = 0 ]; then \
				echo "Installing $(1):$$missing"; \
				apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
			else \
				echo "Missing $(1). Run: sudo apt-get install -y$$missing"; exit 1; \
			fi; \
		fi; \
	else \
		echo "Not Debian/Ubuntu: make sure these are installed ($(1)): $(2)"; \
	fi
endef

# Qt needs a few system libraries even offscreen.
system-deps:
	$(call need,Qt system libraries,$(QT_LIBS))

# What the tests run besides Python: poppler (reading PDFs back; poppler-data and a CJK font to
# read back and draw Chinese, Japanese and Korean) and, on Linux, strace (the no-network check).
test-deps:
	$(call need,test tools,$(TEST_TOOLS))

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

build-deps:
	$(call need,building the app,$(BUILD_TOOLS))

clean:
	rm -rf build dist .pytest_cache .ruff_cache
