# Masthead: `make demo` runs the site, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: demo test test-sqlite test-postgres install serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	@# axe-core for the accessibility tests (core/tests/axe.py); they skip without npm.
	-command -v npm >/dev/null && npm install --silent --no-save --prefix $(VENV)/axe axe-core@4.14.1
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/masthead migrate --noinput
	$(BIN)/masthead load_demo --url http://127.0.0.1:$(PORT)/
	@# The worker publishes scheduled articles, runs queued jobs and sends emails
	@# (linking to this server) beside the server; the trap stops it when the
	@# server stops (Ctrl+C).
	MASTHEAD_SITE_URL=http://127.0.0.1:$(PORT) $(BIN)/masthead worker & WORKER=$$!; \
	trap 'kill $$WORKER 2>/dev/null' EXIT INT TERM; \
	$(BIN)/masthead runserver 127.0.0.1:$(PORT)

# SQLite always; PostgreSQL too when DATABASE_URL names one.
test: $(STAMP)
	env -u DATABASE_URL -u REDIS_URL $(BIN)/pytest
	@case "$$DATABASE_URL" in postgres*) \
		echo "== again on PostgreSQL ($$DATABASE_URL), cache: $${REDIS_URL:-local memory}"; \
		$(BIN)/pytest;; \
		*) echo "DATABASE_URL is not PostgreSQL: PostgreSQL run skipped";; esac

serve: $(STAMP)
	$(BIN)/masthead serve

clean:
	rm -rf $(VENV) var
