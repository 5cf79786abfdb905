#!/usr/bin/env bash
# Installs what is missing, builds scDesk (Release, in build/ at the repository root) and
# starts the GUI on its built-in demo data. Extra arguments go to scdesk; extra CMake
# arguments come from the environment variable SCDESK_CMAKE_ARGS (split on whitespace),
# e.g. SCDESK_CMAKE_ARGS="-DSCDESK_CUDA=OFF" scripts/run-demo.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo=$(pwd -P)

bash scripts/install-deps.sh

# ccache (wired in by the top-level CMakeLists.txt): share hits between checkouts.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$repo}"

gen=()
if [[ ! -f build/CMakeCache.txt ]] && command -v ninja >/dev/null 2>&1; then
  gen=(-G Ninja)
fi
read -r -a extra <<< "${SCDESK_CMAKE_ARGS:-}"
cmake -S . -B build "${gen[@]}" -DCMAKE_BUILD_TYPE=Release "${extra[@]}"
cmake --build build --target scdesk -j"$(nproc)"

if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} && -z ${QT_QPA_PLATFORM:-} ]]; then
  echo "run-demo.sh: no DISPLAY or WAYLAND_DISPLAY; scdesk needs a desktop session (or try xvfb-run)." >&2
fi
exec build/bin/scdesk --demo "$@"
