#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (never a downloaded browser), in English, Portuguese and
# Spanish (its translations are the chromium-l10n package). Install what is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -f /usr/lib/chromium/locales/pt-BR.pak ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium from Debian's packages for the end-to-end tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-l10n >/dev/null
else
  echo "The end-to-end tests need /usr/bin/chromium. Install it with: sudo apt-get install -y chromium chromium-l10n" >&2
  exit 1
fi
