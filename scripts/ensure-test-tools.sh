#!/usr/bin/env bash
# Make sure the programs the tests drive are installed: Chromium (browser tests) and
# espeak-ng (audio versions). Installs Debian's packages for whichever is missing when
# apt-get can be used; otherwise stops with a message naming what is missing.
set -euo pipefail

missing=()
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -n "${CHROMIUM_PATH:-}" ] && [ ! -x "$CHROMIUM_PATH" ]; then
  echo "CHROMIUM_PATH is set to '$CHROMIUM_PATH', but nothing executable is there." >&2
  exit 1
fi
[ -x "$chromium" ] || missing+=(chromium)
command -v "${ESPEAK_NG:-espeak-ng}" >/dev/null 2>&1 || missing+=(espeak-ng)

if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "Missing: ${missing[*]}. Install them (Debian packages of the same names), or set CHROMIUM_PATH." >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      echo "Missing: ${missing[*]}, and apt-get needs root. Install the Debian packages: ${missing[*]}." >&2
      exit 1
    fi
  fi
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

[ -x "$chromium" ] || { echo "Chromium is still missing at $chromium." >&2; exit 1; }
command -v "${ESPEAK_NG:-espeak-ng}" >/dev/null 2>&1 || { echo "espeak-ng is still missing." >&2; exit 1; }
echo "Chromium: $chromium"
echo "espeak-ng: $(command -v "${ESPEAK_NG:-espeak-ng}")"
