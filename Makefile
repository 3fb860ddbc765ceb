# SmartPick Desktop — the commands a newcomer needs. `make run` and `make test` set up .venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
QT_LIBS := libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3

.PHONY: run test lint bench system-deps clean

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

clean:
	rm -rf build dist .pytest_cache .ruff_cache
