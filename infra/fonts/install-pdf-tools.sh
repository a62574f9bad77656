#!/usr/bin/env bash
# PDF output of official documents: LibreOffice (DOCX → PDF) and python3-uno (the API drives the
# running LibreOffice through UNO), poppler-utils (the tests read PDFs with pdftotext, pdffonts,
# pdftoppm), LibreOffice Calc (the tests open the ledger's XLSX export in it) and free fonts for the Windows font names templates use, mapped by infra/fonts/fonts.conf.
# Debian bookworm packages; idempotent: skips what is already there.
#   FangSong (仿宋_GB2312)           FandolFang, extracted from texlive-lang-chinese into the system
#                                    font directory /usr/local/share/fonts/fandol/, where every
#                                    checkout and the running service find it — GPL-3 with the font exception
#   Song, 小标宋, Hei (宋体, 黑体…)   Noto Serif / Sans CJK SC (fonts-noto-cjk, OFL)
#   Kai (楷体_GB2312)                 LXGW WenKai (fonts-lxgw-wenkai, OFL)
#   Latin (Times New Roman…)         Liberation (fonts-liberation2, OFL)
# Characters outside a font (犇垚旸昇珺玥喆祎 are not in GB2312) fall back to Noto CJK.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
fonts=/usr/local/share/fonts/fandol
packages=(libreoffice-writer-nogui libreoffice-calc-nogui python3-uno poppler-utils fonts-noto-cjk fonts-lxgw-wenkai fonts-liberation2)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]}"
  "${sudo[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
  echo "LibreOffice, poppler-utils and the CJK fonts already installed"
fi

if fc-list -q FandolFang; then
  echo "FandolFang already installed"
elif [ -s "$here/files/FandolFang-Regular.otf" ]; then
  # Extracted into the checkout by earlier versions of this script.
  "${sudo[@]}" install -D -m 644 -t "$fonts" "$here"/files/*
  echo "FandolFang installed into $fonts"
else
  # Only the font files of the (50 MB) TeX package are kept: TeX itself is not installed.
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # apt-get download needs the package lists, which slim images delete.
  (cd "$work" && { apt-get download texlive-lang-chinese || { "${sudo[@]}" apt-get update && apt-get download texlive-lang-chinese; }; })
  dpkg -x "$work"/texlive-lang-chinese_*.deb "$work/x"
  doc="$work/x/usr/share/doc/texlive-doc/fonts/fandol"
  zcat "$doc/COPYING.gz" >"$work/COPYING"
  "${sudo[@]}" install -D -m 644 -t "$fonts" \
    "$work/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf" \
    "$work/COPYING" "$doc/README"
  echo "FandolFang extracted into $fonts"
fi
"${sudo[@]}" fc-cache "$fonts"
