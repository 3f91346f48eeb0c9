# The two commands of the README: `make run` and `make test`. Both install what is missing
# (scripts/bootstrap.sh), configure with CMake and build.
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: run test build build-test build-clang bootstrap bench clean

run: build
	./build/fulcrum

test: build-test build build-clang
	bash scripts/valgrind-check.sh build/fulcrum
	cd build-test && ctest --output-on-failure -j $(JOBS)

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

bootstrap:
	@bash scripts/bootstrap.sh

clean:
	rm -rf build build-test build-clang
