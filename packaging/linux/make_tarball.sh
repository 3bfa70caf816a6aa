#!/bin/sh
# `make dist-linux`: dist/wpt-desk-VERSION-linux-ARCH.tar.gz from the bundle, with the .desktop
# file, the icon and install.sh at the top of the archive's single folder.
#   usage: make_tarball.sh BUNDLE_DIR VERSION
set -eu
bundle=$1; version=$2
here=$(cd "$(dirname "$0")" && pwd)
name="wpt-desk-$version-linux-$(uname -m)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
cp -R "$bundle/." "$stage/$name/"
cp "$here/wpt-desk.desktop" "$here/install.sh" "$stage/$name/"
cp "$bundle/_internal/resources/icons/wpt-desk-256.png" "$stage/$name/wpt-desk.png"
out="$(dirname "$bundle")/$name.tar.gz"
tar -C "$stage" --owner=0 --group=0 --numeric-owner -czf "$out" "$name"
echo "Archive: $out ($(du -m "$out" | cut -f1) MB; unpacked $(du -sm "$stage/$name" | cut -f1) MB)"
