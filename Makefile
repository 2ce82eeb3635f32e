# The two commands of the README: `make run` and `make test`.
# Both install what the build and the tests need when it is missing: Debian
# packages with apt-get, and the schema validator's npm packages.

BUILD_DIR ?= build
SANITIZE_DIR ?= build-sanitize
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS ?= $(shell nproc)
CONFIG ?= examples/mailu.yaml
OUTDIR ?= dist

DEB_PACKAGES := cmake make g++ pkg-config libyaml-cpp-dev nlohmann-json3-dev libfmt-dev \
                libcli11-dev libgtest-dev libgmock-dev libssl-dev
# Tests of the embedded files run the real programs (tests/embedded).
TEST_DEB_PACKAGES := $(shell cat tests/embedded/packages.txt 2>/dev/null)
VALIDATOR_MODULES := $(CURDIR)/$(BUILD_DIR)/k8s-validate/node_modules
VALIDATOR_NPM_PACKAGES := yaml@2.9.1 kubernetes-models@4.5.1 @kubernetes-models/traefik@0.2.4 ajv@8.20.0

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# test-deps installs every program the tests use, so under `make test` a
# test may not skip for want of one. Only the tests that need root (a live
# Postfix, nginx on port 25) may still skip, when the user is not root.
TESTS_MAY_SKIP := $(shell [ "$$(id -u)" = 0 ] && echo OFF || echo ON)

.PHONY: all deps test-deps node-deps build run test test-sanitize fuzz bench docs install clean

all: build

# Installs the Debian packages given in PACKAGES that are not installed yet.
define install_debs
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_debs,$(DEB_PACKAGES))

test-deps: deps
	@# Postfix is only a test program here (postconf, a postfix run in a temporary
	@# directory): "No configuration" keeps its package from setting up and
	@# starting a system mail server.
	@if ! dpkg-query -W -f='$${Status}' postfix 2>/dev/null | grep -q "ok installed"; then \
	  echo 'postfix postfix/main_mailer_type select No configuration' | $(SUDO) debconf-set-selections; \
	fi
	$(call install_debs,$(TEST_DEB_PACKAGES))
	@command -v node >/dev/null && command -v npm >/dev/null || $(MAKE) --no-print-directory node-deps
	@if [ ! -d "$(VALIDATOR_MODULES)/kubernetes-models" ] || [ ! -f "$(VALIDATOR_MODULES)/ajv/dist/2020.js" ]; then \
	  mkdir -p "$(VALIDATOR_MODULES)/.." && \
	  cd "$(VALIDATOR_MODULES)/.." && \
	  npm install --no-audit --no-fund --silent $(VALIDATOR_NPM_PACKAGES) || \
	  { echo "error: could not install the schema validator's npm packages ($(VALIDATOR_NPM_PACKAGES))"; exit 1; }; \
	fi

node-deps:
	$(call install_debs,nodejs npm)

$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Builds only the command (no test, no example): the first run is the one a
# newcomer waits for.
run: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) --target mailu-synth -j $(JOBS)
	$(BUILD_DIR)/mailu-synth --config $(CONFIG) --outdir $(OUTDIR)
	@echo "wrote $(OUTDIR)/mailu.k8s.yaml"
	@$(BUILD_DIR)/mailu-synth --config $(CONFIG) --list-secrets

test: deps test-deps $(BUILD_DIR)/CMakeCache.txt
	cmake -S . -B $(BUILD_DIR) -DCDK8S_MAILU_TESTS_MAY_SKIP=$(TESTS_MAY_SKIP)
	cmake --build $(BUILD_DIR) -j $(JOBS)
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# The test suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: test-deps
	cmake -S . -B $(SANITIZE_DIR) -DCMAKE_BUILD_TYPE=Debug -DCDK8S_MAILU_SANITIZE=ON \
	  -DCDK8S_MAILU_VALIDATOR_MODULES=$(VALIDATOR_MODULES) -DCDK8S_MAILU_TESTS_MAY_SKIP=$(TESTS_MAY_SKIP)
	cmake --build $(SANITIZE_DIR) -j $(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(SANITIZE_DIR) --output-on-failure -j $(JOBS)

# The config-loader fuzzer (libFuzzer, ASan, UBSan) for FUZZ_SECONDS, seeded
# with the public cases and the refused configs. See docs/fuzzing.md.
fuzz: deps
	$(call install_debs,clang libclang-rt-14-dev)
	CXX=clang++ cmake -S . -B $(FUZZ_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCDK8S_MAILU_FUZZ=ON \
	  -DCDK8S_MAILU_BUILD_TESTS=OFF -DCDK8S_MAILU_BUILD_EXAMPLES=OFF
	cmake --build $(FUZZ_DIR) --target config_fuzzer -j $(JOBS)
	mkdir -p $(FUZZ_DIR)/corpus
	ASAN_OPTIONS=detect_leaks=1 $(FUZZ_DIR)/fuzz/config_fuzzer -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	  -rss_limit_mb=2048 -max_len=16384 -dict=fuzz/config.dict -print_final_stats=1 \
	  $(FUZZ_DIR)/corpus tests/data/parity/cases tests/data/parity/bad

# Benchmarks: Google Benchmark in process, then the CLI end to end.
BENCH_DIR ?= build-bench
bench: deps
	$(call install_debs,libbenchmark-dev)
	cmake -S . -B $(BENCH_DIR) -DCMAKE_BUILD_TYPE=Release -DCDK8S_MAILU_BUILD_BENCHMARKS=ON -DCDK8S_MAILU_BUILD_TESTS=OFF
	cmake --build $(BENCH_DIR) -j $(JOBS)
	$(BENCH_DIR)/bench/synth_bench
	bench/cli_bench.sh $(BENCH_DIR)

PREFIX ?= /usr/local
# The picture in docs/architecture.md and the README: examples/mailu.yaml's
# deployment drawn by mailu-synth diagram and Graphviz. A unit test fails
# when the DOT file is behind the code (DeploymentDiagram.TheDocsPictureIsTheExamplesDrawing).
docs: deps $(BUILD_DIR)/CMakeCache.txt
	$(call install_debs,graphviz)
	cmake --build $(BUILD_DIR) --target mailu-synth -j $(JOBS)
	$(BUILD_DIR)/mailu-synth diagram --config examples/mailu.yaml -o docs/diagrams/mailu.dot
	dot -Tsvg docs/diagrams/mailu.dot -o docs/diagrams/mailu.svg

install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(FUZZ_DIR) $(BENCH_DIR) $(OUTDIR)
