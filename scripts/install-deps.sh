#!/usr/bin/env bash
# Installs the Debian 12 (bookworm) packages that scDesk needs to build, and with --test
# also those that its test suite needs (Python anndata/h5py for .h5ad fixtures, R glmGamPoi
# and edgeR for delnx parity).
#
# Idempotent: it asks dpkg which packages are missing and installs only those; when nothing
# is missing it touches neither apt's lists nor the network.
#
# Usage: scripts/install-deps.sh [--test] [--list] [--dry-run]
#   --test     also the test-only packages
#   --list     print the package list for the chosen set and exit
#   --dry-run  print the missing packages and exit (status 0 whether or not some are missing)
set -euo pipefail

build_pkgs=(
  # tool chain
  cmake g++ make ninja-build ccache pkg-config
  # Qt 6.4 (Core, Gui, Widgets, Concurrent, PrintSupport, Test, Svg, LinguistTools)
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n
  # libraries
  libqcustomplot-dev libeigen3-dev libhdf5-dev nlohmann-json3-dev libgl-dev libblosc-dev zlib1g-dev libboost-dev
  # a font, so offscreen rendering has glyphs
  fonts-dejavu-core
  # cpack: DEB generator (dpkg-deb, dpkg-shlibdeps) and file(1)
  dpkg-dev file
)

test_pkgs=(
  python3 python3-numpy python3-scipy python3-h5py python3-anndata
  r-base-core r-bioc-glmgampoi r-bioc-edger
  poppler-utils
)

want_test=0
mode=install
for arg in "$@"; do
  case "$arg" in
    --test) want_test=1 ;;
    --list) mode=list ;;
    --dry-run) mode=dry ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-deps.sh: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

pkgs=("${build_pkgs[@]}")
if [[ $want_test == 1 ]]; then
  pkgs+=("${test_pkgs[@]}")
fi

if [[ $mode == list ]]; then
  printf '%s\n' "${pkgs[@]}"
  exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps.sh: dpkg-query not found; this script supports Debian 12 (bookworm) only." >&2
  echo "Needed packages: ${pkgs[*]}" >&2
  exit 1
fi

missing=()
for p in "${pkgs[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  if [[ $status != installed ]]; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps.sh: all ${#pkgs[@]} packages already installed."
  exit 0
fi

echo "install-deps.sh: missing ${#missing[@]} package(s): ${missing[*]}"
if [[ $mode == dry ]]; then
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "install-deps.sh: not root and sudo is not available; install these as root:" >&2
    echo "  apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
apt_opts=(-y -q --no-install-recommends -o Dpkg::Use-Pty=0)

"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" "${missing[@]}"

# Check again: apt-get can succeed without installing a package that is held or renamed.
still=()
for p in "${missing[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ $status == installed ]] || still+=("$p")
done
if [[ ${#still[@]} -gt 0 ]]; then
  echo "install-deps.sh: still missing after apt-get: ${still[*]}" >&2
  exit 1
fi
echo "install-deps.sh: installed ${missing[*]}"
