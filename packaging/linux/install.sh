#!/bin/sh
# Install WPT Desk from this unpacked archive.
#   as root:  sudo ./install.sh   → /opt/wpt-desk, menu entry and command for every user
#   as user:  ./install.sh        → ~/.local/opt/wpt-desk, menu entry and command for this user
# PREFIX=/somewhere overrides the program folder. Upgrading replaces the program files only: the
# desks' data (~/.local/share/wpt-desk of each user) is never touched. A wpt-desk.toml placed beside
# this script, with the .pem/.crt certificates it names, is installed beside the program
# (pre-configured install); an existing one is kept unless a new one is given.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if [ "$(id -u)" = 0 ]; then
  prefix=${PREFIX:-/opt/wpt-desk}; share=/usr/share; bin=/usr/local/bin
else
  prefix=${PREFIX:-$HOME/.local/opt/wpt-desk}; share=$HOME/.local/share; bin=$HOME/.local/bin
fi

mkdir -p "$prefix"
# Never clear a folder that is not a WPT Desk program folder (e.g. PREFIX pointing at the data folder,
# where wpt-desk is a directory holding wpt-desk.db).
if [ -d "$prefix/wpt-desk" ] || [ -e "$prefix/wpt-desk.db" ] || [ -e "$prefix/wpt-desk/wpt-desk.db" ]; then
  echo "$prefix non è una cartella di programma di WPT Desk (contiene dati): installazione annullata." >&2
  exit 1
fi
rm -rf "$prefix/_internal" "$prefix/wpt-desk"
cp -R "$here/_internal" "$here/wpt-desk" "$prefix/"
for file in "$here"/wpt-desk.toml "$here"/*.pem "$here"/*.crt; do
  if [ -f "$file" ]; then cp "$file" "$prefix/"; fi
done

mkdir -p "$bin" "$share/applications"
ln -sf "$prefix/wpt-desk" "$bin/wpt-desk"
sed "s|^Exec=.*|Exec=\"$prefix/wpt-desk\"|" "$here/wpt-desk.desktop" > "$share/applications/wpt-desk.desktop"
for png in "$here"/_internal/resources/icons/wpt-desk-*.png; do
  size=$(basename "$png" .png | sed 's/wpt-desk-//')
  mkdir -p "$share/icons/hicolor/${size}x${size}/apps"
  cp "$png" "$share/icons/hicolor/${size}x${size}/apps/wpt-desk.png"
done
command -v update-desktop-database >/dev/null && update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$share/icons/hicolor" 2>/dev/null || true

echo "WPT Desk installato in $prefix (comando: $bin/wpt-desk)."
"$prefix/wpt-desk" self-test >/dev/null && echo "Autodiagnosi superata." || echo "Attenzione: autodiagnosi non superata, eseguire: $prefix/wpt-desk self-test"
