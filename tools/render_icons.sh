#!/usr/bin/env bash
# Render the Nightstretch app icon (assets/icons/nightstretch.svg) to PNGs in
# the freedesktop hicolor layout: assets/icons/hicolor/<N>x<N>/apps/nightstretch.png
# (transparent background). Re-run after editing the SVG.
# Needs rsvg-convert (Debian/Ubuntu: apt-get install -y librsvg2-bin).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
icons="${repo_root}/assets/icons"
src="${icons}/nightstretch.svg"

command -v rsvg-convert >/dev/null || {
    echo "rsvg-convert not found (apt-get install -y librsvg2-bin)" >&2
    exit 1
}

for size in 16 22 24 32 48 64 128 256; do
    out_dir="${icons}/hicolor/${size}x${size}/apps"
    mkdir -p "${out_dir}"
    rsvg-convert --width "${size}" --height "${size}" --format png \
        --output "${out_dir}/nightstretch.png" "${src}"
    echo "${out_dir#"${repo_root}/"}/nightstretch.png"
done
