# Two commands on a fresh clone with only python3 and make: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE ?= oxigraph:./data/graph
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench install clean

# The editable install with the dev extra, redone only when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/diplograph ingest seeds/ --store $(STORE)
	$(BIN)/diplograph serve --store $(STORE) --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	@scripts=$$(ls bench/*.py 2>/dev/null); \
	if [ -z "$$scripts" ]; then echo "no benchmarks yet"; \
	else for script in $$scripts; do echo "== $$script"; $(BIN)/python $$script || exit 1; done; fi

# Leaves data/ alone: the stored graph is not a build product.
clean:
	rm -rf $(VENV) build/ .pytest_cache bench/out *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
