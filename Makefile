# The two commands of the README: `make run` and `make test`. Both install what is missing
# (scripts/bootstrap.sh), configure with CMake and build.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: run test build build-test build-clang bootstrap bench clean fuzz bindings dtoa-check

run: build bindings
	./build/fulcrum

test: build-test build build-clang bindings
	bash scripts/valgrind-check.sh build/fulcrum
	cd build-test && ctest --output-on-failure -j $(JOBS)
	sh scripts/check-bindings.sh build/fulcrum

build: bootstrap
	cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DFULCRUM_MPI=ON
	cmake --build build -j $(JOBS)

build-test: bootstrap
	cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DFULCRUM_SANITIZE=ON -DFULCRUM_MPI=ON
	cmake --build build-test -j $(JOBS)

# The same code must compile warning-free under clang as well.
build-clang: bootstrap
	CC=clang cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=Debug
	cmake --build build-clang -j $(JOBS)

bench: build
	cmake --build build -j $(JOBS) --target benchmarks
	@for b in build/bench/bench_*; do echo "== $$b"; $$b; done

# fc_format_double against the snprintf/strtod search it replaced on DTOA_COUNT random bit
# patterns plus DTOA_COUNT short decimals and moderate doubles (tests/unit/test_dtoa.c; ctest
# runs a million of each). 50 M + 50 M: about 15 CPU-minutes.
DTOA_COUNT ?= 50000000
dtoa-check: build
	time env FULCRUM_DTOA_RANDOM=$(DTOA_COUNT) ./build/tests/test_dtoa

bootstrap:
	@bash scripts/bootstrap.sh

# The Python package for the python3 on PATH and for Debian's /usr/bin/python3, and the R package
# into R's first library, each with its own copy of build/'s libfulcrum.so.0
# (scripts/install-bindings.sh says where and why). A stamp keeps it to once per change of the
# library or the packages' files; an interpreter that cannot import the package redoes it.
BINDING_SOURCES := $(wildcard python/pyproject.toml python/fulcrum/*.py r/DESCRIPTION r/NAMESPACE \
	r/configure r/R/*.R r/src/*.c r/src/Makevars.in r/man/*.Rd) scripts/install-bindings.sh

bindings: build
	@python3 -c 'import fulcrum' >/dev/null 2>&1 && /usr/bin/python3 -c 'import fulcrum' >/dev/null 2>&1 \
		&& { ! command -v Rscript >/dev/null || Rscript -e 'library(fulcrum)' >/dev/null 2>&1; } \
		|| rm -f build/bindings.stamp
	@$(MAKE) --no-print-directory build/bindings.stamp

build/bindings.stamp: build/libfulcrum.so.0 $(BINDING_SOURCES)
	sh scripts/install-bindings.sh $(CURDIR) build/libfulcrum.so.0
	@touch $@

# libFuzzer versions of tests/fuzz/fuzz_*.c (clang, sanitizers), each run FUZZ_SECONDS on a copy
# of its seed corpus; new inputs stay in build-fuzz/corpus/<target>, crashes in build-fuzz/.
FUZZ_SECONDS ?= 60
FUZZ_MAX_LEN ?= 8192
fuzz: bootstrap
	CC=clang cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DFULCRUM_SANITIZE=ON -DFULCRUM_FUZZ=ON \
		-DFULCRUM_TESTS=OFF -DFULCRUM_BENCH=OFF
	cmake --build build-fuzz -j $(JOBS)
	@set -e; for src in tests/fuzz/fuzz_*.c; do t=$$(basename $$src .c); s=$${t#fuzz_}; \
		mkdir -p build-fuzz/corpus/$$s; cp tests/fuzz/corpus/$$s/* tests/fuzz/regressions/$$s/* build-fuzz/corpus/$$s/; \
		rm -f build-fuzz/corpus/$$s/README.md; echo "== $$t $(FUZZ_SECONDS)s"; \
		(cd build-fuzz && ./$$t corpus/$$s -max_total_time=$(FUZZ_SECONDS) -max_len=$(FUZZ_MAX_LEN) \
			-timeout=10 -rss_limit_mb=2048 -print_final_stats=1); done

clean:
	rm -rf build build-test build-clang build-fuzz
