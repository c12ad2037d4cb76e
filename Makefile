# Two commands on a fresh clone with only python3 and make: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE ?= oxigraph:./data/graph
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test bench install clean vendor

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

# Benchmarks need their own extra (textacy, matplotlib, ...); installed on first use.
$(VENV)/.installed-bench: pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev,bench,scale]'
	touch $@

# SCALE=1 also builds the 1M/5M-triple stores of bench/scale.py when they are not cached (half an hour);
# without it that tier runs only from a cache (bench/out/scale-cache, or DIPLOGRAPH_BENCH_CACHE).
SCALE ?= 0
bench: $(VENV)/.installed-bench
	BENCH_SCALE=$(SCALE) $(BIN)/python bench/run.py

# One benchmark alone, printed and written to bench/out/ (bench/REPORT.md is left as it is):
# `make bench-extraction` re-measures "extraction keeps >= 0.75 of raw spaCy's words per second".
bench-%: $(VENV)/.installed-bench
	$(BIN)/python bench/$*.py

# Re-vendor the web workspace's JavaScript/CSS from npm at the versions in api/web/vendor.json (needs npm;
# only for whoever bumps a version: the files are committed, users never build anything).
vendor:
	$(PYTHON) tools/vendor_web.py

# Leaves data/ alone: the stored graph is not a build product.
clean:
	rm -rf $(VENV) build/ .pytest_cache bench/out *.egg-info
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
