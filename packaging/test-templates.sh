#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# Checks, in a second and without building, what package.sh fills into the Debian package's templates for
# both variants: the maintainer scripts (the /usr/bin/lumen link), the desktop entry (Exec, Icon) and the
# .deb tree's AOT training name the variant's own install folder (/opt/lumen, /opt/lumen-gpu), no
# placeholder is left, and each package conflicts with the other variant. The GPU package (739 MB,
# half an hour to build) is not built in CI: this is its check. Usage: packaging/test-templates.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
fail() { printf 'test-templates: FAILED (%s): %s\n' "$VARIANT" "$*" >&2; exit 1; }

for VARIANT in cpu gpu; do
  if [ "$VARIANT" = gpu ]; then NAME=lumen-gpu OTHER=lumen FLAG=--gpu; else NAME=lumen OTHER=lumen-gpu FLAG=""; fi
  DIR="$WORK/$VARIANT"
  "$ROOT/packaging/package.sh" $FLAG --fill-resources "$DIR" > "$WORK/$VARIANT.out" || fail "package.sh --fill-resources exited $?"
  grep -qx "install dir /opt/$NAME" "$WORK/$VARIANT.out" || fail "install dir is not /opt/$NAME: $(cat "$WORK/$VARIANT.out")"
  grep -qx "aot training at /opt/$NAME (the .deb tree mounted there)" "$WORK/$VARIANT.out" || fail "the .deb tree's AOT training is not at /opt/$NAME"
  for f in postinst prerm Lumen.desktop control; do
    [ -s "$DIR/$f" ] || fail "$f was not written"
    if grep -n 'LUMEN_INSTALL_DIR\|LUMEN_OTHER_VARIANT' "$DIR/$f"; then fail "$f keeps a placeholder"; fi
    # Every /opt path must be the variant's own folder: /opt/lumen/ in the GPU package's files is the bug this guards.
    if grep -on '/opt/[A-Za-z0-9_.-]*' "$DIR/$f" | grep -v ":/opt/$NAME\$"; then fail "$f names another install folder"; fi
  done
  grep -q "ln -sf /opt/$NAME/bin/lumen /usr/bin/lumen" "$DIR/postinst" || fail "postinst does not link /usr/bin/lumen to /opt/$NAME/bin/lumen"
  grep -q "= /opt/$NAME/bin/lumen ]" "$DIR/prerm" || fail "prerm does not remove only its own /usr/bin/lumen link"
  grep -qx "Exec=/opt/$NAME/bin/lumen open %f" "$DIR/Lumen.desktop" || fail "the desktop entry does not run /opt/$NAME/bin/lumen"
  grep -qx "Icon=/opt/$NAME/lib/Lumen.png" "$DIR/Lumen.desktop" || fail "the desktop entry's icon is not under /opt/$NAME"
  grep -qi "^Conflicts:.*\b$OTHER\b" "$DIR/control" || fail "control does not conflict with $OTHER: $(grep -i '^conflicts' "$DIR/control")"
  if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$DIR/Lumen.desktop" || fail "desktop-file-validate"
  fi
done
printf 'test-templates: both variants name their own install folder (/opt/lumen, /opt/lumen-gpu)\n' >&2
