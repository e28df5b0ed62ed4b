#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# songda-cli document end to end: receipts, slips, bills, statements, errors. TAP output.
set -u
cli="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $1"; }
notok () { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check () { if eval "$2"; then ok "$1"; else notok "$1"; fi; }
# "Page size:       164.409 x 611 pts" → 164.409
width () { pdfinfo "$1" | sed -n 's/^Page size: *\([0-9.]*\) x.*/\1/p'; }
pages () { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

"$cli" demo --database "$tmp/shop.db" --seed 3 --customers 60 --reference-time 1780000000 > /dev/null
check "demo shop written" "[ $? -eq 0 ]"

for kind in receipt58 receipt80 slip slip-a4 bill; do
  "$cli" document --database "$tmp/shop.db" --kind $kind --order 1 --output "$tmp/$kind.pdf" 2> "$tmp/err"
  check "$kind of order 1 written" "[ $? -eq 0 ] && [ -s '$tmp/$kind.pdf' ]"
done
check "receipt58 is 58 mm wide" "[ \"\$(width '$tmp/receipt58.pdf')\" = 164.409 ]"
check "receipt80 is 80 mm wide" "[ \"\$(width '$tmp/receipt80.pdf')\" = 226.772 ]"
check "slip is A5" "pdfinfo '$tmp/slip.pdf' | grep -q '419.528 x 595.276'"
check "bill is A4" "pdfinfo '$tmp/bill.pdf' | grep -q '595.276 x 841.89'"
check "the receipt reads back" "pdftotext '$tmp/receipt58.pdf' - | grep -q 'No. 1'"

"$cli" document --database "$tmp/shop.db" --kind statement --month 2026-05 --customer 1 \
  --output "$tmp/one.pdf"
check "one customer's statement" "[ $? -eq 0 ] && pdftotext '$tmp/one.pdf' - | grep -q 'Monthly statement'"

"$cli" document --database "$tmp/shop.db" --kind statement --month 2026-05 --all \
  --per-customer "$tmp/each" --output "$tmp/all.pdf" > "$tmp/out"
check "every statement of the month" "[ $? -eq 0 ] && [ -s '$tmp/all.pdf' ]"
count=$(sed -n 's/^\([0-9]*\) statements written.*/\1/p' "$tmp/out")
check "one file per customer, as many as reported" "[ -n '$count' ] && [ \$(ls '$tmp/each' | wc -l) -eq '$count' ]"
check "the one PDF has a page at least per statement" "[ \$(pages '$tmp/all.pdf') -ge '$count' ]"

"$cli" document --database "$tmp/shop.db" --kind receipt --order 1 --output "$tmp/x.pdf" 2> /dev/null
check "an unknown kind is a usage error" "[ $? -eq 64 ]"
"$cli" document --database "$tmp/shop.db" --kind receipt58 --output "$tmp/x.pdf" 2> /dev/null
check "a receipt without --order is a usage error" "[ $? -eq 64 ]"
"$cli" document --database "$tmp/shop.db" --kind statement --month 2026-05 --output "$tmp/x.pdf" 2> /dev/null
check "a statement without --customer or --all is a usage error" "[ $? -eq 64 ]"
"$cli" document --database "$tmp/shop.db" --kind receipt58 --order 999999 --output "$tmp/x.pdf" 2> "$tmp/err"
check "an unknown order fails with a message" "[ $? -eq 1 ] && grep -q '999999' '$tmp/err' && [ ! -e '$tmp/x.pdf' ]"
"$cli" document --database "$tmp/shop.db" --kind statement --month 2026-13 --all --output "$tmp/x.pdf" 2> "$tmp/err"
check "a bad month fails with a message" "[ $? -eq 1 ] && grep -q '2026-13' '$tmp/err'"
"$cli" document --database "$tmp/none.db" --kind receipt58 --order 1 --output "$tmp/x.pdf" 2> /dev/null
check "a missing database exits 2" "[ $? -eq 2 ]"

echo "1..$n"
exit $fail
