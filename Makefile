# cope: build, preview, test and publish the site.
# Pelican's usual variables work: make html INPUTDIR=content OUTPUTDIR=output

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INPUTDIR ?= content
OUTPUTDIR ?= output
CONFFILE ?= pelicanconf.py
PUBLISHCONF ?= publishconf.py
PORT ?= 8000
INSTALLED := $(VENV)/.installed

.PHONY: help venv html publish serve check test lint clean deploy bench profile

help:
	@echo "make html     build the site into $(OUTPUTDIR)/ (local preview settings)"
	@echo "make serve    build, then serve $(OUTPUTDIR)/ at http://127.0.0.1:$(PORT)"
	@echo "make publish  build with $(PUBLISHCONF) (the public address)"
	@echo "make check    check every content file and report all problems; write nothing"
	@echo "make deploy   build with $(PUBLISHCONF), then deploy $(OUTPUTDIR)/ to S3 (docs/deploy.md)"
	@echo "make test     ruff and the whole test suite"
	@echo "make bench    time build and deploy beside vanilla Pelican, hugo deploy, aws s3 sync"
	@echo "make profile  a pyinstrument profile of one cope build"
	@echo "make clean    remove $(OUTPUTDIR)/ and caches (keeps $(VENV)/)"

# The virtual environment is made on first use and refreshed when pyproject.toml changes.
# The DCAT-US 1.1 JSON Schemas for the data.json test ship in the ckanext-datajson wheel;
# its dependency pins clash with ours, so the wheel is fetched, not installed.
$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,lint]'
	$(BIN)/python -m pip download --quiet --no-deps --dest $(VENV)/schemas 'ckanext-datajson==0.1.29'
	touch $(INSTALLED)

venv: $(INSTALLED)

html: venv
	$(BIN)/pelican $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE)

publish: venv
	$(BIN)/pelican $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF)

# Links are absolute, so the preview is built for the port it is served on.
serve: venv
	$(BIN)/pelican $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -e 'SITEURL="http://127.0.0.1:$(PORT)"'
	$(BIN)/pelican --listen -o $(OUTPUTDIR) -s $(CONFFILE) -b 127.0.0.1 -p $(PORT)

# DEPLOY_ARGS passes options on, e.g. make deploy DEPLOY_ARGS="--dry-run"
deploy: publish
	$(BIN)/python -m cope deploy $(OUTPUTDIR) -s $(PUBLISHCONF) $(DEPLOY_ARGS)

# Build and deploy speed beside vanilla Pelican, hugo deploy and aws s3 sync (benchmarks/):
# prints the table and writes benchmarks/results.json. hugo and awscli are installed on first
# use into their own virtual environments under benchmarks/.cache/.
# BENCH_ARGS passes options on, e.g. make bench BENCH_ARGS="--sizes 500,1000 --runs 1"
bench: venv
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

# A pyinstrument profile of one cope build (PROFILE_ARGS="-n 4000" for another size).
profile: venv
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python -m benchmarks.profile $(PROFILE_ARGS)

check: venv
	$(BIN)/python -m cope check $(INPUTDIR) -s $(CONFFILE)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

clean:
	rm -rf $(OUTPUTDIR) cache .pytest_cache .ruff_cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
