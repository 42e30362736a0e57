#!/usr/bin/env bash
# What a fresh machine of this kind lacks for the tests: Go (to build FerretDB) is
# expected; Debian packages are installed when missing.
set -euo pipefail
export PATH="$PATH:/usr/local/go/bin"
missing=()
command -v go >/dev/null || missing+=(golang)
# The web simulator's browser test drives Debian's chromium.
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The trends chart renders its Chinese text with this CJK font (config/reports.yaml chart.fontFiles).
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
