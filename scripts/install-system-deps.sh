#!/usr/bin/env bash
# Installs the Debian packages listed in .ci/apt-packages.txt (needs root or sudo).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
mapfile -t pkgs < <(grep -v '^\s*#' "$here/.ci/apt-packages.txt" | sed '/^\s*$/d')
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
