#!/usr/bin/env bash
# Builds the Debian package from the PyInstaller folder (`make bundle`) with dpkg-deb:
#   /usr/lib/nightstretch/            the folder (executable, _internal/, LICENSES/)
#   /usr/bin/nightstretch             a symlink to its executable
#   /usr/share/applications/          the launcher, named after the AppStream id
#   /usr/share/icons/hicolor/         the icons
#   /usr/share/metainfo/              the AppStream metainfo, launchable = the launcher
#   /usr/share/doc/nightstretch/      copyright and changelog
# No maintainer scripts: dpkg's triggers refresh the icon cache and the menu, nothing is
# written to a home folder, and `apt-get remove` takes away exactly these files.
# Depends comes from dpkg-shlibdeps over every ELF file in the folder, so it names the
# libraries Qt's xcb plugin (and everything else) links against, at the versions used here.
#
#   packaging/build-deb.sh [BUNDLE_DIR] [OUT_DIR]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
bundle="$(realpath "${1:-$repo/build/bundle/nightstretch}")"
out="$(realpath -m "${2:-$repo/build/deb}")"
if [ ! -x "$bundle/nightstretch" ]; then
    echo "build-deb: no bundle at $bundle (run make bundle first)" >&2
    exit 1
fi
for tool in dpkg-deb dpkg-shlibdeps; do
    if ! command -v "$tool" >/dev/null; then
        echo "build-deb: $tool is missing: run tools/system-deps.sh bundle" >&2
        exit 1
    fi
done

app_id=io.github.nightstretch.Nightstretch
desktop_id="$app_id.desktop"
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$repo/app/nightstretch/__init__.py")
arch=$(dpkg --print-architecture)
prefix=usr/lib/nightstretch
assets="$repo/assets"
# The launcher is named after the AppStream id, which the metainfo's launchable names.
launcher="$assets/desktop/$desktop_id"

work="$out/work"
root="$work/debian/nightstretch"
rm -rf "$work"
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/applications" \
    "$root/usr/share/metainfo" "$root/usr/share/doc/nightstretch" "$(dirname "$root/$prefix")"

cp -a "$bundle" "$root/$prefix"
ln -s "/$prefix/nightstretch" "$root/usr/bin/nightstretch"
install -m 644 "$launcher" "$root/usr/share/applications/$desktop_id"
install -m 644 "$assets/desktop/$app_id.metainfo.xml" "$root/usr/share/metainfo/$app_id.metainfo.xml"
for png in "$assets"/icons/hicolor/*/apps/nightstretch.png; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    install -D -m 644 "$png" "$root/usr/share/icons/hicolor/$size/apps/nightstretch.png"
done
install -D -m 644 "$assets/icons/nightstretch.svg" \
    "$root/usr/share/icons/hicolor/scalable/apps/nightstretch.svg"

cat >"$root/usr/share/doc/nightstretch/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Nightstretch
Source: https://github.com/nightstretch/nightstretch
Comment: The program folder /$prefix carries Python, Qt (PySide6) and a few Python
 libraries; their licences and notices are in /$prefix/LICENSES (NOTICE.txt first).

Files: *
Copyright: Nightstretch developers
License: MIT
$(sed 's/^$/./; s/^/ /' "$repo/LICENSE")
EOF
printf 'nightstretch (%s) unstable; urgency=medium\n\n  * Built from the PyInstaller bundle (make deb).\n\n -- Nightstretch developers <nightstretch@users.noreply.github.com>  %s\n' \
    "$version" "$(date -R -u -d "@${SOURCE_DATE_EPOCH:-$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)}")" \
    | gzip -9n >"$root/usr/share/doc/nightstretch/changelog.Debian.gz"

# Plain modes whatever the build machine's umask: folders and the executable 755, the rest 644.
find "$root" -type d -exec chmod 755 {} +
find "$root" -type f -exec chmod 644 {} +
chmod 755 "$root/$prefix/nightstretch"

# Every ELF file except the speech-dispatcher plugin: voice is optional (Recommends), and
# Qt skips that plugin when libspeechd is absent.
mapfile -t elves < <(
    cd "$work" && find debian/nightstretch -type f ! -name '*speechd*' -print0 |
        while IFS= read -r -d '' file; do
            [ "$(head -c 4 "$file" | tr -d '\0')" = $'\x7fELF' ] && printf '%s\n' "$file"
        done
)
printf 'Source: nightstretch\n\nPackage: nightstretch\nArchitecture: any\n' >"$work/debian/control"
internal="debian/nightstretch/$prefix/_internal"
shlibs=$(cd "$work" && dpkg-shlibdeps -O -l"$internal" -l"$internal/PySide6/Qt/lib" "${elves[@]}" \
    2>"$work/shlibdeps.log") || {
    cat "$work/shlibdeps.log" >&2
    echo "build-deb: dpkg-shlibdeps failed (a library the bundle needs is not installed here?)" >&2
    exit 1
}
depends="${shlibs#shlibs:Depends=}, fonts-dejavu-core | fonts-freefont-ttf"

# The xcb libraries the README and tools/apt-runtime.txt name must be among them.
for pkg in libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
    libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libpulse0 libdbus-1-3; do
    if ! grep -Eq "(^|, )$pkg( |,|$)" <<<"$depends"; then
        echo "build-deb: Depends lacks $pkg: $depends" >&2
        exit 1
    fi
done

cat >"$root/DEBIAN/control" <<EOF
Package: nightstretch
Version: $version
Architecture: $arch
Maintainer: Nightstretch developers <nightstretch@users.noreply.github.com>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $depends
Recommends: libspeechd2
Section: utils
Priority: optional
Homepage: https://github.com/nightstretch/nightstretch
Description: calm companion for night-time leg cramps in pregnancy
 Nightstretch sits in the system tray and reminds you to do a short calf
 stretch before bed and to drink water during the day. It plays the routine
 step by step with a countdown, pictures, sounds and optional spoken cues,
 and keeps a private logbook of routines, water and cramps on your computer.
 .
 It gives no medical advice; ask your midwife or doctor about anything that
 worries you. This package carries its own Python and Qt.
EOF

mkdir -p "$out"
deb="$out/nightstretch_${version}_${arch}.deb"
rm -f "$out"/nightstretch_*.deb
dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
rm -rf "$work"
echo "Built $deb ($(du -h "$deb" | cut -f1); installed $(dpkg-deb -f "$deb" Installed-Size) KB)"
echo "Depends: $(dpkg-deb -f "$deb" Depends)"
