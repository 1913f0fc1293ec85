#!/usr/bin/env bash
# Builds Codebook Studio's native package for the operating system it runs on, with jlink and jpackage:
#   Linux:   an app-image (installers/target/image/codebook-studio) and a .deb
#   macOS:   an app-image and a .dmg          (configured, untested)
#   Windows: an app-image and an .msi         (configured, untested; run it from Git Bash, needs WiX 3)
#
#   installers/package.sh [--offline] [--skip-build] [--gpu] [--app-image-only]
#
#   --offline         pass -o to Maven (everything already in ~/.m2)
#   --skip-build      use app/target as it is (after `mvn -DskipTests package`)
#   --gpu             leave the CPU PyTorch native out and let DJL download the build that fits the machine
#                     (CUDA when it sees an NVIDIA GPU) on the first start; needs a network then
#   --app-image-only  stop after the app-image
#
# JAVA_HOME must be a full JDK 17 (with jmods/, jlink and jpackage); /usr/lib/jvm/java-17-openjdk-amd64 is
# taken when JAVA_HOME is unset and it exists. The bundled model is assets/models/default when present.
set -euo pipefail

offline=""
build=1
gpu=0
image_only=0
for arg in "$@"; do
  case "$arg" in
    --offline) offline="-o" ;;
    --skip-build) build=0 ;;
    --gpu) gpu=1 ;;
    --app-image-only) image_only=1 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg (see --help)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/.." && pwd)
here="$root/installers"
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/java-17-openjdk-amd64 ]; then
  JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64
fi
: "${JAVA_HOME:?set JAVA_HOME to a JDK 17 with jmods, jlink and jpackage}"
for tool in jlink jpackage; do
  [ -x "$JAVA_HOME/bin/$tool" ] || [ -x "$JAVA_HOME/bin/$tool.exe" ] || { echo "$JAVA_HOME has no $tool" >&2; exit 1; }
done
[ -d "$JAVA_HOME/jmods" ] || { echo "$JAVA_HOME has no jmods/ (install the full JDK, e.g. openjdk-17-jmods)" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

case "$(uname -s)" in
  Linux*) os=linux; package_type=deb; icon="$here/icons/codebook-studio.png"; fx=linux ;;
  Darwin*) os=mac; package_type=dmg; icon="$here/icons/codebook-studio.icns"
    if [ "$(uname -m)" = arm64 ]; then fx=mac-aarch64; else fx=mac; fi ;;
  MINGW*|MSYS*|CYGWIN*) os=windows; package_type=msi; icon="$here/icons/codebook-studio.ico"; fx=win ;;
  *) echo "unsupported system: $(uname -s)" >&2; exit 1 ;;
esac

# jpackage wants a plain numeric version: 0.1.0-SNAPSHOT becomes 0.1.0
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -1)
app_version=${version%%-*}

if [ "$build" = 1 ]; then
  echo "== building the app (mvn package)"
  (cd "$root" && mvn -B -q $offline -DskipTests package)
fi
app="$root/app/target"
[ -f "$app/codebook-studio.jar" ] || { echo "no $app/codebook-studio.jar: build first" >&2; exit 1; }

out="$here/target"
[ "$gpu" = 1 ] && out="$here/target/gpu"
rm -rf "$out"
mkdir -p "$out/input/lib"

echo "== staging the application files"
cp "$app/codebook-studio.jar" "$out/input/"
# JavaFX goes into the runtime image below (as modules, with its native libraries); everything else stays
# on the class path exactly as in app/target/lib
for jar in "$app"/lib/*.jar; do
  name=$(basename "$jar")
  case "$name" in
    javafx-*) continue ;;
    pytorch-native-*) [ "$gpu" = 1 ] && continue ;;
  esac
  cp "$jar" "$out/input/lib/"
done
if [ -f "$root/assets/models/default/model.json" ]; then
  mkdir -p "$out/input/assets/models"
  cp -r "$root/assets/models/default" "$out/input/assets/models/default"
  echo "   bundled model: $(sed -n 's/^  "name" : "\(.*\)",$/\1/p' "$root/assets/models/default/model.json")"
else
  echo "   warning: no assets/models/default/model.json: the package ships without a model" >&2
fi

# files are installed as root: everyone must be able to read them, whatever the checkout's modes were
chmod -R a+rX "$out/input"

echo "== linking the Java runtime (JDK modules + JavaFX $fx)"
fx_jars=$(ls "$app"/lib/javafx-*-"$fx".jar 2>/dev/null || true)
[ -n "$fx_jars" ] || { echo "no JavaFX jars for '$fx' in $app/lib (build on the target system)" >&2; exit 1; }
# the Windows JDK tools want Windows paths in a ';'-separated module path
native_path() { if [ "$os" = windows ] && command -v cygpath >/dev/null; then cygpath -w "$1"; else echo "$1"; fi; }
sep=":"; [ "$os" = windows ] && sep=";"
module_path=$(native_path "$JAVA_HOME/jmods")
for jar in $fx_jars; do module_path="$module_path$sep$(native_path "$jar")"; done
modules=java.base,java.compiler,java.datatransfer,java.desktop,java.logging,java.management,java.naming
modules=$modules,java.prefs,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.unsupported,jdk.unsupported.desktop
modules=$modules,jdk.zipfs,javafx.base,javafx.graphics,javafx.controls,javafx.swing
# bin/java is kept (no --strip-native-commands): it is a fallback for the app's restart with its
# native-safety environment (see app NativeSafety) and handy for support
jlink --module-path "$module_path" --add-modules "$modules" --output "$out/runtime" \
  --strip-debug --no-header-files --no-man-pages --compress=2
# JavaFX loads its native libraries from the runtime's library folder when they are there, instead of
# unpacking them into ~/.openjfx on every new version
libdir="$out/runtime/lib"; [ "$os" = windows ] && libdir="$out/runtime/bin"
for jar in $fx_jars; do
  (cd "$libdir" && unzip -q -o "$jar" '*.so' '*.dylib' '*.dll' -x 'META-INF/*' 2>/dev/null || true)
done

# ControlsFX reaches into JavaFX internals; with JavaFX as named modules those packages must be opened
# to the class path (the unnamed module)
java_options=(
  "-Dai.djl.offline=$([ "$gpu" = 1 ] && echo false || echo true)"
  "--add-exports=javafx.base/com.sun.javafx.event=ALL-UNNAMED"
  "--add-exports=javafx.base/com.sun.javafx.collections=ALL-UNNAMED"
  "--add-exports=javafx.base/com.sun.javafx.runtime=ALL-UNNAMED"
  "--add-exports=javafx.graphics/com.sun.javafx.scene=ALL-UNNAMED"
  "--add-exports=javafx.graphics/com.sun.javafx.scene.traversal=ALL-UNNAMED"
  "--add-exports=javafx.graphics/com.sun.javafx.css=ALL-UNNAMED"
  "--add-exports=javafx.graphics/com.sun.javafx.tk=ALL-UNNAMED"
  "--add-exports=javafx.controls/com.sun.javafx.scene.control=ALL-UNNAMED"
  "--add-exports=javafx.controls/com.sun.javafx.scene.control.behavior=ALL-UNNAMED"
  "--add-exports=javafx.controls/com.sun.javafx.scene.control.inputmap=ALL-UNNAMED"
  "--add-opens=javafx.controls/javafx.scene.control.skin=ALL-UNNAMED"
  "--add-opens=javafx.graphics/javafx.scene=ALL-UNNAMED"
)
java_args=()
for o in "${java_options[@]}"; do java_args+=(--java-options "$o"); done

common=(--name codebook-studio --app-version "$app_version" --vendor "Codebook Studio"
  --description "Local music generation with codebook language models"
  --copyright "Codebook Studio contributors")

echo "== jpackage: app-image"
jpackage --type app-image --dest "$out/image" --input "$out/input" \
  --main-jar codebook-studio.jar --main-class studio.codebook.app.Main \
  --runtime-image "$out/runtime" --icon "$icon" "${java_args[@]}" "${common[@]}"
image="$out/image/codebook-studio"; [ "$os" = mac ] && image="$out/image/codebook-studio.app"

if [ "$image_only" = 0 ]; then
  echo "== jpackage: $package_type"
  case "$os" in
    linux)
      jpackage --type deb --dest "$out" --app-image "$image" "${common[@]}" \
        --resource-dir "$here/linux" --icon "$icon" \
        --linux-package-name codebook-studio --linux-deb-maintainer "codebook-studio@localhost" \
        --linux-menu-group "AudioVideo;Audio;Music" --linux-app-category sound --linux-shortcut ;;
    mac)
      jpackage --type dmg --dest "$out" --app-image "$image" "${common[@]}" \
        --mac-package-identifier studio.codebook.app --mac-package-name "Codebook Studio" ;;
    windows)
      jpackage --type msi --dest "$out" --app-image "$image" "${common[@]}" \
        --win-menu --win-menu-group "Codebook Studio" --win-shortcut --win-dir-chooser \
        --win-upgrade-uuid 6f1f7a2e-3c1b-4d8e-9a57-2b3c0e4d5a61 ;;
  esac
fi

echo "== done"
du -sh "$image" | sed 's/^/   app-image: /'
ls -l "$out"/*."$package_type" 2>/dev/null | awk '{printf "   %s: %.1f MB\n", $NF, $5 / 1048576}' || true
