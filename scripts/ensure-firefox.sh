#!/usr/bin/env bash
# The Firefox end-to-end tests drive Debian's Firefox ESR (never a downloaded browser). Install it when missing.
set -euo pipefail
if [ -x /usr/bin/firefox-esr ] || [ -n "${FIREFOX_PATH:-}" ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Firefox ESR from Debian's packages for the end-to-end tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null
else
  echo "The Firefox end-to-end tests need /usr/bin/firefox-esr. Install it with: sudo apt-get install -y firefox-esr" >&2
  exit 1
fi
