#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# ./lumen package [--gpu]: the runtime image and the installers for the system this runs on, into
# packaging/target/installers/ (packaging/README.md):
#   1. a Java runtime made by jlink with only the JDK modules Lumen needs (jdeps finds them, plus the
#      ones loaded as services: jdk.zipfs for zip studies, jdk.charsets for DICOM character sets);
#   2. jpackage's app image: the runtime, Lumen's jars, JavaFX beside them, the `lumen` script, the icon,
#      THIRD-PARTY.txt, and AOT caches trained with that runtime (the command line; the window under Xvfb);
#   3. on Linux a .deb from that image (and the image as a .tar.gz); on Windows an .msi, on macOS a .dmg
#      (configured, not tested: the project builds on Linux).
# --gpu builds the `gpu` Maven profile (onnxruntime_gpu, CUDA 12) as the package lumen-gpu.
# --fill-resources DIR (with or without --gpu) only writes the variant's filled Debian templates (maintainer
# scripts, desktop entry, control) into DIR and prints the install folder the .deb tree is retrained in:
# no build, no JDK tools (packaging/test-templates.sh checks them for both variants in a second).
# ./lumen runs this with JAVA_HOME set to the JDK it found, after building.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PKG="$ROOT/packaging"
VARIANT=cpu
FILL_ONLY=""
TRAIN_ONLY=""
while [ $# -gt 0 ]; do
  case "$1" in
    --gpu) VARIANT=gpu ;;
    --fill-resources) FILL_ONLY="${2:?--fill-resources needs a folder}"; shift ;;
    # Used by package.sh itself: the AOT training of an installed tree, run inside a mount namespace.
    --train-aot) TRAIN_ONLY="${2:?}"; TRAIN_WORK="${3:?}"; shift 2 ;;
    *) printf 'lumen package: unknown option %s (known: --gpu, --fill-resources DIR)\n' "$1" >&2; exit 2 ;;
  esac
  shift
done
say() { printf 'lumen package: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

if [ "$VARIANT" = gpu ]; then
  NAME=lumen-gpu; OTHER=lumen; LIB="$PKG/target/app-gpu/lib"
else
  NAME=lumen; OTHER=lumen-gpu; LIB="$PKG/target/app/lib"
fi
# jpackage installs into /opt/<package name>: /opt/lumen, or /opt/lumen-gpu for the GPU variant. Every path
# the package's own files name (maintainer scripts, desktop entry, the .deb tree's AOT training) comes from here.
INSTALL_DIR="/opt/$NAME"

fill_linux_resources() { # dir: the templates with the variant's install folder and the other variant's name
  local res="$1" f
  mkdir -p "$res"
  for f in postinst prerm Lumen.desktop; do
    sed "s:LUMEN_INSTALL_DIR:$INSTALL_DIR:g" "$PKG/src/linux/resources/$f" > "$res/$f"
  done
  sed "s/LUMEN_OTHER_VARIANT/$OTHER/" "$PKG/src/linux/resources/control.in" > "$res/control"
}

# AOT caches, trained with the bundled runtime on an image's own jars. The command line's cache is accepted
# after the image moves as long as the jars keep their relative places, sizes and modification times; the
# window's only where JavaFX's module path is the trained one (train_aot_installed). One the JVM does not
# accept is ignored.
train_aot() { # image-root lib-dir
  local image="$1" libdir="$2" home="$WORK/training-home"
  mkdir -p "$home" "$libdir/aot"
  rm -f "$libdir"/aot/*.aot
  say "training the command line's AOT cache..."
  LUMEN_HOME="$home" LUMEN_AOT=off LUMEN_MAIN_CLASS=org.lumen.app.startup.StartupTraining \
    LUMEN_JAVA_OPTS="-XX:AOTCacheOutput=$libdir/aot/cli.aot" "$image/bin/lumen" cli "$home/sample" \
    >"$WORK/training-cli.log" 2>&1 || say "no command line AOT cache (see $WORK/training-cli.log)"
  if command -v xvfb-run >/dev/null; then
    say "training the window's AOT cache under Xvfb..."
    LUMEN_HOME="$home" LUMEN_AOT=off LUMEN_JAVA_OPTS="-XX:AOTCacheOutput=$libdir/aot/window.aot -Dlumen.startup.exitAfter=first-image" \
      timeout 300 xvfb-run -a -s '-screen 0 1440x900x24' "$image/bin/lumen" >"$WORK/training-window.log" 2>&1 \
      || say "no window AOT cache (see $WORK/training-window.log)"
  else
    say "no xvfb-run: the window starts without an AOT cache (install the Debian package xvfb)"
  fi
  rm -f "$libdir"/aot/*.config
}

if [ -n "$TRAIN_ONLY" ]; then
  WORK="$TRAIN_WORK"
  train_aot "$TRAIN_ONLY" "$TRAIN_ONLY/lib"
  exit 0
fi

if [ -n "$FILL_ONLY" ]; then
  fill_linux_resources "$FILL_ONLY"
  printf 'package %s\ninstall dir %s\naot training at %s (the .deb tree mounted there)\n' "$NAME" "$INSTALL_DIR" "$INSTALL_DIR"
  exit 0
fi

[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ] || die "needs a JDK 25 with jpackage in JAVA_HOME (run it as ./lumen package)"
J="$JAVA_HOME/bin"

if [ "$VARIANT" = gpu ]; then
  say "building the gpu profile (onnxruntime_gpu)..."
  "$ROOT/mvnw" -q -B -Pgpu -DskipTests ${LUMEN_M2_REPO:+-Dmaven.repo.local=$LUMEN_M2_REPO} install -f "$ROOT/pom.xml" || die "the -Pgpu build failed"
fi
[ -d "$LIB" ] || die "$LIB is missing: build first (./lumen builds before packaging)"

POM_VERSION="$(sed -n '/<artifactId>lumen-parent<\/artifactId>/{n;s:.*<version>\(.*\)</version>.*:\1:p;q;}' "$ROOT/pom.xml")"
[ -n "$POM_VERSION" ] || die "cannot read the project version from $ROOT/pom.xml"
# jpackage wants numbers only: 0.1.0-SNAPSHOT -> 0.1.0.
APP_VERSION="${POM_VERSION%%-*}"
WORK="$PKG/target/jpackage-$VARIANT"
OUT="$PKG/target/installers"
rm -rf "$WORK"; mkdir -p "$WORK/input" "$WORK/javafx" "$OUT"
case "$(uname -s)" in
  Linux) OS=linux ;;
  Darwin) OS=mac ;;
  MINGW*|MSYS*|CYGWIN*|Windows_NT) OS=win ;;
  *) die "no installer configuration for $(uname -s)" ;;
esac

# Class path jars into input/ (jpackage puts every jar there on the class path); JavaFX and Monocle
# beside it, for the module path. The benchmarks and JavaFX's empty platform-less jars stay out.
for jar in "$LIB"/*.jar; do
  name="${jar##*/}"
  case "$name" in
    lumen-benchmarks-*) ;;
    javafx-*-"$OS"*.jar|openjfx-monocle-*) cp -p "$jar" "$WORK/javafx/" ;;
    javafx-*) ;;
    *) cp -p "$jar" "$WORK/input/" ;;
  esac
done
MAIN_JAR="$(cd "$WORK/input" && ls lumen-app-*.jar)"

say "finding the JDK modules Lumen uses (jdeps)..."
FX_MP="$(ls "$WORK"/javafx/javafx-*.jar | tr '\n' ':')"
CP="$(ls "$WORK"/input/*.jar | tr '\n' ':')"
MODULES="$("$J/jdeps" -q --ignore-missing-deps --multi-release 25 --print-module-deps --module-path "${FX_MP%:}" \
  --add-modules javafx.controls --class-path "${CP%:}" "$WORK"/input/*.jar | tr ',' '\n' | grep -v '^javafx\.' | paste -sd, -)"
# Loaded as services or by name, so jdeps cannot see them.
MODULES="$MODULES,jdk.zipfs,jdk.charsets"
say "runtime modules: $MODULES"
# Not compressed (--compress): every JDK class the AOT cache does not hold would be inflated at start.
"$J/jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive --output "$WORK/runtime" || die "jlink failed"

say "making the app image (jpackage)..."
ICON="$PKG/src/icons/lumen.png"
COMMON=(--name Lumen --app-version "$APP_VERSION" --vendor "Lumen project" --description "Lumen radiology workstation"
        --copyright "Lumen contributors, Apache License 2.0")
"$J/jpackage" --type app-image "${COMMON[@]}" --dest "$WORK/image" --input "$WORK/input" --main-jar "$MAIN_JAR" \
  --main-class org.lumen.app.LumenMain --runtime-image "$WORK/runtime" \
  $( [ "$OS" = linux ] && printf -- '--icon %s' "$ICON" ) \
  --java-options "-XX:+UseG1GC -XX:G1HeapRegionSize=8m -XX:MaxRAMPercentage=50 --enable-native-access=ALL-UNNAMED,javafx.graphics" \
  --java-options "--module-path \$APPDIR/../javafx --add-modules javafx.controls" \
  || die "jpackage (app image) failed"
case "$OS" in
  linux) IMAGE="$WORK/image/Lumen"; LIBDIR="$IMAGE/lib" ;;
  mac) IMAGE="$WORK/image/Lumen.app"; LIBDIR="$IMAGE/Contents" ;;
  win) IMAGE="$WORK/image/Lumen"; LIBDIR="$IMAGE" ;;
esac
cp -rp "$WORK/javafx" "$LIBDIR/javafx"
mkdir -p "$LIBDIR/aot"
PIXELMED_COPYRIGHT=/usr/share/doc/libpixelmed-java/copyright
"$J/java" "$PKG/src/tools/ThirdParty.java" "$LIBDIR/THIRD-PARTY.txt" "$PIXELMED_COPYRIGHT" "$WORK"/input/*.jar "$WORK"/javafx/*.jar \
  || die "THIRD-PARTY.txt could not be written"


# The window runs with JavaFX on the module path, and the JVM takes an AOT cache only where the module path is
# the one it was trained with: the class path may move, the module path may not ("optimized module handling:
# disabled because extra module path(s) are specified"), and a G1 cache, whose classes come linked, is then
# refused whole. So the .deb tree's caches are trained with the tree mounted where dpkg will put it
# ($INSTALL_DIR), in a mount namespace of the training's own: as root with `unshare -m` (the folder is made for
# the training and removed after it when it was not there), otherwise with `unshare -rm` and a tmpfs over its
# parent. Where neither works, the caches are trained in the tree, and the installed window starts without one.
train_aot_installed() { # deb-tree
  local tree="$1" parent; parent="$(dirname "$INSTALL_DIR")"
  local train="\"$PKG/package.sh\" --train-aot \"$INSTALL_DIR\" \"$WORK\""
  if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
    local made=""; [ -d "$INSTALL_DIR" ] || { mkdir -p "$INSTALL_DIR" && made=1; }
    if unshare -m --propagation private sh -c "mount --bind \"$tree$INSTALL_DIR\" \"$INSTALL_DIR\" && $train"; then
      [ -n "$made" ] && rmdir "$INSTALL_DIR"; return 0
    fi
    [ -n "$made" ] && rmdir "$INSTALL_DIR"
  elif command -v unshare >/dev/null && case "$ROOT/" in "$parent"/*) false ;; *) true ;; esac &&
       unshare -rm --propagation private sh -c "mount -t tmpfs lumen-training \"$parent\" && mkdir -p \"$INSTALL_DIR\" \
         && mount --bind \"$tree$INSTALL_DIR\" \"$INSTALL_DIR\" && $train"; then
    return 0
  fi
  say "could not train at $INSTALL_DIR (unshare and mount): the installed window will start without its AOT cache"
  train_aot "$tree$INSTALL_DIR" "$tree$INSTALL_DIR/lib"
}

if [ "$OS" = linux ]; then
  install -m 755 "$PKG/src/linux/lumen" "$IMAGE/bin/lumen"
  train_aot "$IMAGE" "$LIBDIR"
  tar -C "$WORK/image" -czf "$OUT/$NAME-$POM_VERSION-linux-x64.tar.gz" Lumen

  say "making the Debian package..."
  # gzip, not dpkg-deb's default xz: the content is mostly jars and native libraries that are compressed
  # already; xz took 8 of the 10 minutes on the 2-core machine for 5 % less.
  export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
  RES="$WORK/resources"
  fill_linux_resources "$RES"
  "$J/jpackage" --type deb "${COMMON[@]}" --app-image "$IMAGE" --dest "$OUT" --resource-dir "$RES" \
    --install-dir /opt --linux-package-name "$NAME" --linux-app-release 1 --linux-deb-maintainer "lumen@example.org" \
    --linux-app-category science --linux-menu-group "Science;MedicalSoftware" --linux-shortcut \
    --linux-package-deps "libgtk-3-0, libxtst6, libgl1, libfreetype6, libfontconfig1, libpangoft2-1.0-0, fonts-dejavu-core, xdg-utils" \
    --file-associations "$PKG/src/linux/dicom.properties" --about-url "https://github.com/lumen" \
    || die "jpackage (deb) failed"
  # jpackage copies the image without its files' times, and dpkg installs the times the .deb holds: the
  # caches trained above would not match the installed jars. Train again on the .deb's own tree.
  DEB="$(ls -t "$OUT"/"${NAME}"_*.deb | head -n 1)"
  TREE="$WORK/deb-tree"
  rm -rf "$TREE"; dpkg-deb -R "$DEB" "$TREE"
  train_aot_installed "$TREE"
  dpkg-deb --root-owner-group -b "$TREE" "$DEB" >/dev/null || die "could not rebuild $DEB with its AOT caches"
elif [ "$OS" = win ]; then
  "$J/jpackage" --type msi "${COMMON[@]}" --app-image "$IMAGE" --dest "$OUT" --win-menu --win-shortcut --win-dir-chooser \
    --win-upgrade-uuid 6a3f2c1e-7f0b-4c1e-9d0a-4c554d4e0001 --file-associations "$PKG/src/windows/dicom.properties" \
    || die "jpackage (msi) failed"
else
  "$J/jpackage" --type dmg "${COMMON[@]}" --app-image "$IMAGE" --dest "$OUT" --mac-package-identifier org.lumen.Lumen \
    --file-associations "$PKG/src/mac/dicom.properties" || die "jpackage (dmg) failed"
fi
say "done: $(ls "$OUT" | tr '\n' ' ')"
