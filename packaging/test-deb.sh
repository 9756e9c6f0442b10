#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Installs the Lumen .deb on this machine and checks it as a user would meet it, then removes it:
#   dpkg -i (apt-get -f install for missing dependencies); the installed `lumen --version`, its AOT caches
#   (command line, and the window under Xvfb) accepted by the JVM, `lumen info`
#   on real samples (one with a Japanese ISO 2022 character set: the jlinked runtime must carry
#   jdk.charsets), `lumen snapshot demo` headless; desktop-file-validate on the desktop entry;
#   xdg-mime's default for application/dicom and for a file named DICOMDIR; reinstalling over itself
#   (the upgrade path) keeps the user data folder; dpkg -r removes /opt/lumen and /usr/bin/lumen and
#   leaves the user data folder as it was.
# Needs root, dpkg, apt-get, desktop-file-utils, xdg-utils. Usage: packaging/test-deb.sh [FILE.deb]
# (default: the newest lumen_*.deb in packaging/target/installers). Exits non-zero at the first failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEB="${1:-$(ls -t "$ROOT"/packaging/target/installers/lumen_*.deb 2>/dev/null | head -n 1)}"
SAMPLES="${LUMEN_SAMPLES:-$ROOT/../shared/dicom-samples}"
STEP=""
fail() { printf 'test-deb: FAILED at "%s": %s\n' "$STEP" "$*" >&2; exit 1; }
step() { STEP="$*"; printf 'test-deb: %s\n' "$*" >&2; }
START=$SECONDS

[ "$(id -u)" = 0 ] || fail "needs root (dpkg -i)"
[ -f "$DEB" ] || fail "no .deb: run ./lumen package first (or give the file)"
for tool in desktop-file-validate xdg-mime; do
  command -v "$tool" >/dev/null || fail "$tool is missing (Debian packages desktop-file-utils, xdg-utils)"
done
[ "$(dpkg-query -W -f="\${Status}" lumen 2>/dev/null)" = "install ok installed" ] && fail "a lumen package is already installed; remove it first (dpkg -r lumen)"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# The user data folder of this test: XDG_DATA_HOME/lumen, as for any user without LUMEN_HOME.
export XDG_DATA_HOME="$WORK/data" HOME="$WORK/home"
unset LUMEN_HOME
mkdir -p "$HOME"
DATA="$XDG_DATA_HOME/lumen"

step "dpkg -i $(basename "$DEB")"
if ! dpkg -i "$DEB" >"$WORK/dpkg.log" 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get -f install -y -qq >>"$WORK/dpkg.log" 2>&1 || { cat "$WORK/dpkg.log" >&2; fail "dependencies"; }
fi
dpkg -s lumen | grep -q '^Status: install ok installed' || fail "lumen is not installed"
[ "$(readlink -f /usr/bin/lumen)" = /opt/lumen/bin/lumen ] || fail "/usr/bin/lumen does not lead to /opt/lumen/bin/lumen"

step "lumen --version"
lumen --version >"$WORK/version.txt" || fail "exit $?"
grep -q '^Lumen [0-9]' "$WORK/version.txt" || fail "no version line: $(cat "$WORK/version.txt")"
grep -q '^Java 25' "$WORK/version.txt" || fail "no Java 25 line"
grep -q '^ONNX Runtime [0-9].*CPU' "$WORK/version.txt" || fail "no ONNX Runtime line with the CPU provider"
grep -q '/opt/lumen/lib/runtime' "$WORK/version.txt" || fail "not the bundled runtime"
cat "$WORK/version.txt" >&2

step "the installed AOT cache is used"
# AOTMode=on: the JVM exits with an error instead of starting without a cache it cannot use (trained on
# jars whose times or places differ from the installed ones).
LUMEN_JAVA_OPTS=-XX:AOTMode=on lumen --help >/dev/null 2>"$WORK/aot.txt" || fail "the command line's AOT cache is refused: $(head -3 "$WORK/aot.txt")"

step "the installed window's AOT cache is used"
# Trained with the .deb tree mounted at /opt/lumen: JavaFX's module path must be the trained one, or the JVM
# refuses the whole cache (ADR 0037). The demo's first image under Xvfb, then the probe ends the process.
if command -v xvfb-run >/dev/null; then
  LUMEN_JAVA_OPTS="-XX:AOTMode=on -Dlumen.startup.exitAfter=first-image" timeout 300 xvfb-run -a -s '-screen 0 1440x900x24' \
    lumen >"$WORK/window.txt" 2>&1 || fail "the window's AOT cache is refused: $(grep -v '^lumen-startup' "$WORK/window.txt" | head -3)"
  grep -q '^lumen-startup first-image' "$WORK/window.txt" || fail "the window drew no first image: $(head -3 "$WORK/window.txt")"
fi

step "lumen info on samples"
CT="$SAMPLES/ct_series/philips_phantom_std_brain_1mm/I560"
if [ -f "$CT" ]; then
  lumen info "$CT" >"$WORK/info.txt" || fail "exit $?"
  grep -q 'CT' "$WORK/info.txt" || fail "no CT series in: $(cat "$WORK/info.txt")"
  lumen info --json "$SAMPLES/charset/chrH31.dcm" >"$WORK/charset.json" || fail "exit $? on chrH31.dcm"
  # ISO 2022 IR 87 (JIS X 0208) decodes through jdk.charsets; without it the name turns into U+FFFD.
  grep -q '"patientName" : ".*[^ -~]' "$WORK/charset.json" || fail "chrH31's patient name has no Japanese characters"
  grep -q $'\xef\xbf\xbd' "$WORK/charset.json" && fail "chrH31's patient name has replacement characters"
else
  lumen phantom "$WORK/phantom" --size 128x128x40 >/dev/null || fail "phantom exit $?"
  lumen info "$(ls "$WORK"/phantom/*.dcm | head -n 1)" >"$WORK/info.txt" || fail "exit $?"
fi

step "lumen snapshot demo (headless)"
lumen snapshot demo --size 800x600 --out "$WORK/demo.png" >/dev/null || fail "exit $?"
[ "$(head -c 8 "$WORK/demo.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "demo.png is not a PNG"
[ -f "$DATA/catalog.sqlite" ] || [ -d "$DATA/demo" ] || fail "the user data folder $DATA was not used"

step "desktop entry"
ENTRY="$(grep -l '/opt/lumen/bin/lumen' /usr/share/applications/*.desktop 2>/dev/null | head -n 1)"
[ -n "$ENTRY" ] || fail "no desktop entry in /usr/share/applications runs /opt/lumen/bin/lumen"
desktop-file-validate "$ENTRY" || fail "desktop-file-validate $ENTRY"
grep -q '^MimeType=.*application/dicom' "$ENTRY" || fail "$ENTRY does not list application/dicom"
grep -q '^Icon=' "$ENTRY" && [ -f "$(sed -n 's/^Icon=//p' "$ENTRY")" ] || fail "the icon of $ENTRY is missing"

step "MIME registration"
DEFAULT="$(xdg-mime query default application/dicom)"
[ "$DEFAULT" = "$(basename "$ENTRY")" ] || fail "xdg-mime query default application/dicom gives '$DEFAULT', not $(basename "$ENTRY")"
cp "$(find "$SAMPLES/dicomdir" -name DICOMDIR 2>/dev/null | head -n 1)" "$WORK/DICOMDIR" 2>/dev/null || printf x > "$WORK/DICOMDIR"
TYPE="$(xdg-mime query filetype "$WORK/DICOMDIR")"
[ "$TYPE" = application/dicom ] || fail "a file named DICOMDIR is '$TYPE', not application/dicom"

step "reinstall over itself (the upgrade path) keeps the user data"
printf '{"kept": true}\n' > "$DATA/upgrade-marker.json"
(cd "$DATA" && find . -type f -print0 | sort -z | xargs -0 sha256sum) > "$WORK/before.sum"
dpkg -i "$DEB" >>"$WORK/dpkg.log" 2>&1 || fail "second dpkg -i"
[ -x /usr/bin/lumen ] || fail "/usr/bin/lumen is gone after the upgrade"
(cd "$DATA" && sha256sum -c --quiet "$WORK/before.sum") || fail "the user data changed during the upgrade"

step "dpkg -r lumen"
dpkg -r lumen >>"$WORK/dpkg.log" 2>&1 || fail "dpkg -r"
[ ! -e /opt/lumen ] || fail "/opt/lumen is still there"
[ ! -e /usr/bin/lumen ] || fail "/usr/bin/lumen is still there"
(cd "$DATA" && sha256sum -c --quiet "$WORK/before.sum") || fail "the user data folder did not survive the removal"

printf 'test-deb: all checks passed in %d s (%s)\n' "$((SECONDS - START))" "$(basename "$DEB")" >&2
