#!/usr/bin/env bash
# Redraw the pictures of docs/rendering.md: seed 004 rendered in each format, the page where
# table 三 starts. Needs the Debian packages chromium, libreoffice-writer-nogui,
# libreoffice-calc-nogui (for the XLSX picture), poppler-utils and fonts-noto-cjk.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=docs/images
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export FONTCONFIG_FILE="$PWD/docs/images/fonts.conf"
seed=tests/report/cases/seed-004-linzi-government-office-2023-short-row/source.txt
for fmt in html docx pdf md xlsx; do
  .venv/bin/gongkai render "$seed" --to "$fmt" -o "$tmp/report.$fmt"
done

# the first page of a PDF that shows table 三 (its header cell 申请人情况), as a PNG
page_png() {
  local pdf=$1 name=$2 pages page
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  for page in $(seq 1 "$pages"); do
    if pdftotext -f "$page" -l "$page" "$pdf" - | tr -d ' ' | grep -q 申请人情况; then
      pdftoppm -r 80 -png -singlefile -f "$page" -l "$page" "$pdf" "$out/$name"
      return
    fi
  done
  echo "no page with table 三 in $pdf" >&2
  exit 1
}

page_png "$tmp/report.pdf" pdf

soffice "-env:UserInstallation=file://$tmp/profile" --headless --convert-to pdf \
  --outdir "$tmp/docx" "$tmp/report.docx" >/dev/null 2>&1
page_png "$tmp/docx/report.pdf" docx

if soffice "-env:UserInstallation=file://$tmp/profile" --headless --convert-to pdf \
  --outdir "$tmp/xlsx" "$tmp/report.xlsx" >/dev/null 2>&1 && [ -f "$tmp/xlsx/report.pdf" ]; then
  page_png "$tmp/xlsx/report.pdf" xlsx
else
  echo "LibreOffice Calc is not installed: no XLSX picture" >&2
fi

chrome() { chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "$@" >/dev/null 2>&1; }
# HTML: as printed on A4 by Chromium (the print CSS: page margins, repeated table headers), and
# the top of the page as a screen shows it
chrome --no-pdf-header-footer --print-to-pdf="$tmp/html.pdf" "file://$tmp/report.html"
page_png "$tmp/html.pdf" html
chrome --screenshot="$out/html-screen.png" --window-size=1240,1754 "file://$tmp/report.html"

# Markdown as a reader sees it on a code forge: rendered to HTML (markdown-it-py), then shot
.venv/bin/python - "$tmp/report.md" "$tmp/md.html" <<'PY'
import sys
from markdown_it import MarkdownIt

text = open(sys.argv[1], encoding="utf-8").read()
body = MarkdownIt("commonmark").enable("table").render(text)
# the shot starts at section 三: what comes before it is left out of the picture
start = body.index("<p>三、收到和处理")
body = body[start:]
style = (
    "body{font:15px/1.6 'Noto Sans CJK SC',sans-serif;max-width:1160px;margin:24px auto}"
    "table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d0d7de;padding:4px 8px}"
    "tr:nth-child(2n){background:#f6f8fa}"
)
open(sys.argv[2], "w", encoding="utf-8").write(
    f'<!DOCTYPE html><html lang="zh-Hans"><meta charset="utf-8"><style>{style}</style>{body}'
)
PY
chrome --screenshot="$out/md.png" --window-size=1240,1754 "file://$tmp/md.html"
ls -la "$out"/*.png
