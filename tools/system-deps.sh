#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Qt needs (and, with "test", the test tools),
# but only those missing, so `make run` and `make test` work on a fresh machine.
# Elsewhere (Windows, macOS, other Linux) it does nothing: see the README.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lists=("$here/apt-runtime.txt")
if [ "${1:-run}" = "test" ]; then lists+=("$here/apt-test.txt"); fi
# "bundle": also the Debian tools `make deb` and packaging/test-deb.sh use.
if [ "${1:-run}" = "bundle" ]; then lists+=("$here/apt-test.txt" "$here/apt-bundle.txt"); fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    exit 0
fi
missing=()
for pkg in $(grep -hv '^\s*#' "${lists[@]}" | grep -v '^\s*$'); do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages Nightstretch needs: ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
