#!/usr/bin/env bash
# Installs what is missing (build and test packages), builds everything in build/ at the
# repository root and runs the test suite with ctest; the exit status is ctest's.
# Extra CMake arguments come from SCDESK_CMAKE_ARGS (split on whitespace); extra ctest
# arguments are this script's arguments, e.g. scripts/run-tests.sh -R h5ad
# GUI tests render offscreen (QT_QPA_PLATFORM=offscreen, set per test), so no display is needed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd -P)

bash scripts/install-deps.sh --test

# ccache (wired in by the top-level CMakeLists.txt): share hits between checkouts, e.g. CI clones.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$repo}"

gen=()
if [[ ! -f build/CMakeCache.txt ]] && command -v ninja >/dev/null 2>&1; then
  gen=(-G Ninja)
fi
read -r -a extra <<< "${SCDESK_CMAKE_ARGS:-}"
cmake -S . -B build "${gen[@]}" -DCMAKE_BUILD_TYPE=Release -DSCDESK_BUILD_TESTS=ON "${extra[@]}"
cmake --build build -j"$(nproc)"

exec ctest --test-dir build --output-on-failure --no-tests=error -j"$(nproc)" "$@"
