#!/usr/bin/env bash
# Build dist/smartpick_<version>_amd64.deb from the one-folder app in dist/smartpick (make dist).
#
# Layout: /opt/smartpick/ (the bundle), /usr/bin/smartpick (symlink to the executable),
# /usr/share/applications/smartpick.desktop, /usr/share/icons/hicolor/<size>/apps/smartpick.png
# and hicolor/scalable/apps/smartpick.svg. Needs only dpkg-deb (part of dpkg).
set -euo pipefail
cd "$(dirname "$0")/../.."

BUNDLE=dist/smartpick
ICONS=resources/icons
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' smartpick_desktop/__init__.py)
ARCH=$(dpkg --print-architecture 2>/dev/null || echo amd64)
DEB="dist/smartpick_${VERSION}_${ARCH}.deb"
STAGE="build/deb/smartpick_${VERSION}_${ARCH}"

if [ ! -x "$BUNDLE/smartpick" ]; then
  echo "build_deb.sh: $BUNDLE/smartpick is missing; run 'make dist' (PyInstaller) first." >&2
  exit 1
fi
command -v dpkg-deb >/dev/null || { echo "build_deb.sh: dpkg-deb not found (apt-get install dpkg)." >&2; exit 1; }

# The oldest glibc the bundle can run on is the one it was built against.
GLIBC=$(getconf GNU_LIBC_VERSION 2>/dev/null | awk '{print $2}')
GLIBC=${GLIBC:-2.31}

rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/doc/smartpick"
cp -a "$BUNDLE" "$STAGE/opt/smartpick"
ln -s /opt/smartpick/smartpick "$STAGE/usr/bin/smartpick"
install -m 644 packaging/linux/smartpick.desktop "$STAGE/usr/share/applications/smartpick.desktop"
for size in 16 32 48 64 128 256 512; do
  install -D -m 644 "$ICONS/smartpick-$size.png" \
    "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/smartpick.png"
done
install -D -m 644 "$ICONS/smartpick.svg" "$STAGE/usr/share/icons/hicolor/scalable/apps/smartpick.svg"
install -m 644 packaging/linux/copyright "$STAGE/usr/share/doc/smartpick/copyright"
install -m 755 packaging/linux/postinst packaging/linux/postrm "$STAGE/DEBIAN/"

# Normalise permissions: directories and executables 755, everything else 644.
find "$STAGE" -type d -exec chmod 755 {} +
find "$STAGE/opt" "$STAGE/usr" -type f -exec chmod 644 {} +
find "$STAGE/opt/smartpick" -type f \( -name '*.so' -o -name '*.so.*' \) -exec chmod 755 {} +
chmod 755 "$STAGE/opt/smartpick/smartpick"

INSTALLED_KB=$(du -sk --apparent-size "$STAGE/opt" "$STAGE/usr" | awk '{s += $1} END {print s}')
cat > "$STAGE/DEBIAN/control" <<EOF
Package: smartpick
Version: ${VERSION}
Section: education
Priority: optional
Architecture: ${ARCH}
Maintainer: SmartPick Desktop team <smartpick@example.invalid>
Installed-Size: ${INSTALLED_KB}
Depends: libc6 (>= ${GLIBC}), libgl1, libegl1, libxcb1, libdrm2, libfontconfig1, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libglib2.0-0 | libglib2.0-0t64, libdbus-1-3
Recommends: libwayland-client0, libwayland-cursor0, libwayland-egl1, fonts-dejavu-core
Description: Offline residency application planner
 SmartPick Desktop helps medical students plan residency applications on
 their own laptop: a program list with match chances, an optimised
 application list, mentors and letters, articles, and a printable plan.
 It works offline and never opens a network connection.
EOF

mkdir -p dist
rm -f "$DEB"
# xz level 2: ~70 MiB in ~30 s (level 6: ~64 MiB in ~85 s; gzip: ~86 MiB in ~7 s).
# Release builds may set DEB_XZ_LEVEL=6 or 9.
dpkg-deb --root-owner-group -Zxz -z"${DEB_XZ_LEVEL:-2}" --build "$STAGE" "$DEB" >/dev/null
echo "build_deb.sh: wrote $DEB ($(du -m --apparent-size "$DEB" | cut -f1) MiB)"
