#!/usr/bin/env bash
# End-to-end test of the Debian package, as a person would meet it (`make test-deb`, .ci/run):
# validate its files, install it with apt-get, use the installed command with the project's
# virtualenv out of PATH, start the tray app on a private X desktop, then purge it and check
# that every file it installed is gone and the logbook is untouched.
# Needs Debian/Ubuntu and root (or sudo): it really installs and removes the package.
#
#   packaging/test-deb.sh [DEB_DIR]      (default build/deb, from `make deb`)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
debdir="$(realpath "${1:-$repo/build/deb}")"
shopt -s nullglob
debs=("$debdir"/nightstretch_*.deb)
if [ ${#debs[@]} -ne 1 ]; then
    echo "test-deb: expected one nightstretch_*.deb in $debdir (run make deb)" >&2
    exit 1
fi
deb="${debs[0]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
apt_get() { DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get "$@"; }
fail() {
    echo "test-deb: $*" >&2
    exit 1
}
started=$SECONDS

"$repo/tools/system-deps.sh" bundle

app_id=io.github.nightstretch.Nightstretch
launcher=/usr/share/applications/$app_id.desktop
metainfo=/usr/share/metainfo/$app_id.metainfo.xml
version=$(dpkg-deb -f "$deb" Version)
tmp=$(mktemp -d)
installed_by_us=0
cleanup() {
    if [ "$installed_by_us" = 1 ] && dpkg-query -W nightstretch >/dev/null 2>&1; then
        apt_get remove --purge -y -qq nightstretch >/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

# A desktop id's launcher and metainfo must pass the freedesktop and AppStream validators
# without a single warning.
validate() {
    local desktop=$1 meta=$2 out
    out=$(desktop-file-validate "$desktop" 2>&1) || fail "desktop-file-validate: $out"
    [ -z "$out" ] || fail "desktop-file-validate: $out"
    out=$(appstreamcli validate --no-net "$meta" 2>&1) || fail "appstreamcli: $out"
    if grep -Eq '^[EW]:' <<<"$out"; then fail "appstreamcli: $out"; fi
    grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$meta" ||
        fail "the metainfo does not launch $app_id.desktop"
}

echo "== the package's contents ($(du -h "$deb" | cut -f1), Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KB)"
dpkg-deb -x "$deb" "$tmp/x"
validate "$tmp/x$launcher" "$tmp/x$metainfo"
outside=$(dpkg-deb -c "$deb" | awk '{print $6}' | grep -Ev '^\./((usr|usr/lib|usr/share|usr/share/doc|usr/share/icons)/)?$' |
    grep -Ev '^\./usr/(bin|lib/nightstretch|share/(applications|icons/hicolor|metainfo|doc/nightstretch))(/|$)' || true)
[ -z "$outside" ] || fail "files outside the expected folders: $outside"
control=$(dpkg-deb --ctrl-tarfile "$deb" | tar -t | grep -v '^\./$' | sort | tr '\n' ' ')
[ "$control" = "./control " ] || fail "maintainer scripts or extra control files: $control"
[ -f "$tmp/x/usr/lib/nightstretch/LICENSES/NOTICE.txt" ] || fail "no licence notice in the folder"
for png in "$repo"/assets/icons/hicolor/*/apps/nightstretch.png; do
    rel=${png#"$repo/assets/icons/"}
    cmp -s "$png" "$tmp/x/usr/share/icons/$rel" || fail "icon $rel missing or different"
done
[ -z "$(find "$tmp/x" -path '*screenshots*' -print -quit)" ] || fail "README screenshots shipped"
if command -v lintian >/dev/null; then
    echo "-- lintian (advice only: a bundled runtime breaks several Debian rules on purpose)"
    lintian --no-tag-display-limit "$deb" | sort | uniq -c | sort -rn | head -20 || true
fi

echo "== apt-get install $deb"
if dpkg-query -W -f='${Status}' nightstretch 2>/dev/null | grep -q "install ok installed"; then
    fail "nightstretch is already installed; remove it first (this test purges it afterwards)"
fi
installed_by_us=1
(cd "$debdir" && apt_get install -y -qq "./$(basename "$deb")") >"$tmp/apt-install.log" 2>&1 || {
    cat "$tmp/apt-install.log" >&2
    fail "apt-get install failed"
}
dpkg-query -L nightstretch | sort >"$tmp/installed"
[ -s "$tmp/installed" ] || fail "dpkg lists no installed files"
validate "$launcher" "$metainfo"

echo "== the installed command (clean environment: no virtualenv on PATH)"
home="$tmp/home"
fake_home="$tmp/fake-home"
mkdir -p "$fake_home"
run() {
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$fake_home" \
        LANG=C.UTF-8 nightstretch "$@"
}
[ "$(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin sh -c 'command -v nightstretch')" = /usr/bin/nightstretch ] ||
    fail "nightstretch is not /usr/bin/nightstretch on PATH"
[ "$(run --version)" = "nightstretch $version" ] || fail "--version: $(run --version)"
run --home "$home" routines list | tee "$tmp/routines" | head -3
grep -q '^pre-bed-calf ' "$tmp/routines" || fail "routines list lacks pre-bed-calf"
data=/usr/lib/nightstretch/_internal/nightstretch/_data
run routines check "$data/routines/pre-bed-calf.toml" # pictures resolved inside the folder
for sound in step tick switch finish; do [ -f "$data/assets/sounds/$sound.wav" ] || fail "no $sound.wav"; done
run --home "$home" log water 250 | tee "$tmp/log-water"
grep -q "Logged 250 ml" "$tmp/log-water" || fail "log water did not log"
run --home "$home" history --json >"$tmp/history.json"
grep -q '"water_ml": 250' "$tmp/history.json" || fail "history --json lacks the 250 ml: $(head -c 600 "$tmp/history.json")"
run --home "$home" report --weeks 2 --out "$tmp/report.pdf"
[ "$(head -c 5 "$tmp/report.pdf")" = "%PDF-" ] || fail "report did not write a PDF"
[ -z "$(ls -A "$fake_home")" ] || fail "the command wrote into HOME despite --home: $(ls -A "$fake_home")"

echo "== the tray app from the package, under Xvfb with openbox and trayer"
python=${PYTHON:-$repo/.venv/bin/python}
mkdir -p "$repo/test-artifacts"
"$python" "$repo/packaging/deb_gui_check.py" /usr/bin/nightstretch "$home" \
    "$repo/test-artifacts/deb-player.png"

echo "== apt-get remove --purge nightstretch"
(cd "$home" && find . -type f ! -name '*.log*' ! -name console.log -print0 | sort -z |
    xargs -0 sha256sum) >"$tmp/home.before"
apt_get remove --purge -y -qq nightstretch >"$tmp/apt-remove.log" 2>&1 || {
    cat "$tmp/apt-remove.log" >&2
    fail "apt-get remove failed"
}
installed_by_us=0
left=()
while IFS= read -r path; do
    [ "$path" = "/." ] && continue
    if [ -L "$path" ] || [ -f "$path" ]; then
        left+=("$path")
    elif [ -d "$path" ] && [[ "$path" == /usr/lib/nightstretch* || "$path" == /usr/share/doc/nightstretch* ]]; then
        left+=("$path/")
    fi
done <"$tmp/installed"
[ ${#left[@]} -eq 0 ] || fail "left behind after purge: ${left[*]}"
! command -v nightstretch >/dev/null || fail "nightstretch is still on PATH"
(cd "$home" && find . -type f ! -name '*.log*' ! -name console.log -print0 | sort -z |
    xargs -0 sha256sum) >"$tmp/home.after"
cmp -s "$tmp/home.before" "$tmp/home.after" || fail "the logbook changed during removal"
grep -q "nightstretch.db" "$tmp/home.after" || fail "the logbook is gone"
echo "$(wc -l <"$tmp/installed") paths installed and removed; the logbook is untouched"
echo "== Debian package test passed in $((SECONDS - started)) s"
