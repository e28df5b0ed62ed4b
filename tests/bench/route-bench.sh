#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# route-bench.sh: run `songda-cli route` on every CVRPLIB and Solomon instance,
# check each answer with the independent checker (check_solution.py) and
# print cost, gap to the best-known cost, time and feasibility per instance,
# then the means per set (A, E, P, X, Solomon). Not run by `meson test`.
#
# usage: tests/bench/route-bench.sh [-c CLI] [-t SECONDS] [-s SEED] [-j JOBS] [-f REGEX] [INSTANCES_DIR]
#   CLI            songda-cli to run (default: $SONGDA_CLI, else build/src/cli/songda-cli,
#                  else songda-cli on PATH)
#   SECONDS        --time-limit per instance (default 1)
#   SEED           --seed (default 1)
#   JOBS           instances run at once (default 1; more skews the times)
#   REGEX          only instances whose file name matches (grep -E)
#   INSTANCES_DIR  default ../shared/vrp/instances relative to the repository root;
#                  check_solution.py and bks.csv are looked up in its parent
set -u

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cli=${SONGDA_CLI:-}
tl=1
seed=1
jobs=1
filter=.
while getopts "c:t:s:j:f:h" o; do
  case $o in
    c) cli=$OPTARG ;;
    t) tl=$OPTARG ;;
    s) seed=$OPTARG ;;
    j) jobs=$OPTARG ;;
    f) filter=$OPTARG ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
dir=${1:-$root/../shared/vrp/instances}
if [ -z "$cli" ]; then
  for c in "$root/build/src/cli/songda-cli" "$(command -v songda-cli || true)"; do
    if [ -n "$c" ] && [ -x "$c" ]; then cli=$c; break; fi
  done
fi
if [ -z "$cli" ] || [ ! -x "$cli" ]; then
  echo "songda-cli not found: pass -c PATH or set SONGDA_CLI" >&2
  exit 2
fi
if [ ! -d "$dir" ]; then
  echo "no instance directory $dir" >&2
  exit 2
fi
dir=$(cd "$dir" && pwd)
checker=$dir/../check_solution.py
bks=$dir/../bks.csv
for f in "$checker" "$bks"; do
  [ -f "$f" ] || { echo "missing $f" >&2; exit 2; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

run_one() {
  local inst=$1 name out t0 t1 rc conv
  name=$(basename "$inst")
  name=${name%.*}
  out=$tmp/$name
  t0=$(date +%s.%N)
  "$cli" route --instance "$inst" --time-limit "$tl" --seed "$seed" >"$out.json" 2>"$out.err"
  rc=$?
  t1=$(date +%s.%N)
  case $inst in
    *.txt) conv=vrptw-dist-double ;;
    *) conv=cvrp-nint ;;
  esac
  python3 "$checker" "$inst" "$out.json" --bks-csv "$bks" --convention "$conv" >"$out.check" 2>&1
  echo "$name $rc $t0 $t1" >"$out.meta"
}
export -f run_one
export cli tl seed tmp checker bks

find "$dir" -maxdepth 2 \( -name '*.vrp' -o -name '*.txt' \) | grep -E "$filter" | sort >"$tmp/list"
if [ ! -s "$tmp/list" ]; then
  echo "no instances in $dir" >&2
  exit 2
fi
xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} <"$tmp/list"

python3 - "$tmp" <<'EOF'
import json, os, sys
tmp = sys.argv[1]
rows = []
for meta in sorted(f for f in os.listdir(tmp) if f.endswith(".meta")):
    name, rc, t0, t1 = open(os.path.join(tmp, meta)).read().split()
    try:
        chk = json.load(open(os.path.join(tmp, name + ".check")))
    except Exception:
        chk = {"valid": False, "errors": [open(os.path.join(tmp, name + ".check")).read().strip()[:200]]}
    s = name[0] if name[:2] in ("A-", "E-", "P-", "X-") else "Solomon"
    rows.append((s, name, chk.get("cost"), chk.get("bks"), chk.get("gap_percent"),
                 float(t1) - float(t0), bool(chk.get("valid")) and rc == "0", chk.get("vehicles"),
                 chk.get("errors") or []))
print("%-8s %-12s %12s %12s %8s %7s %5s %8s" % ("set", "instance", "cost", "bks", "gap%", "time", "veh", "feasible"))
for s, n, c, b, g, t, ok, v, err in rows:
    print("%-8s %-12s %12s %12s %8s %7.2f %5s %8s%s" % (
        s, n, "-" if c is None else "%.2f" % c, "-" if b is None else "%.2f" % b,
        "-" if g is None else "%.3f" % g, t, v if v is not None else "-", "yes" if ok else "NO",
        "" if ok else "  " + "; ".join(err)[:120]))
print()
print("%-8s %5s %9s %9s %9s %9s" % ("set", "n", "mean gap%", "max gap%", "mean s", "feasible"))
order = ["A", "E", "P", "X", "Solomon"]
for s in order + ["all"]:
    sel = [r for r in rows if s == "all" or r[0] == s]
    if not sel:
        continue
    gaps = [r[4] for r in sel if r[4] is not None]
    mg = sum(gaps) / len(gaps) if gaps else float("nan")
    print("%-8s %5d %9.3f %9.3f %9.2f %6d/%d" % (s, len(sel), mg, max(gaps) if gaps else float("nan"),
          sum(r[5] for r in sel) / len(sel), sum(1 for r in sel if r[6]), len(sel)))
sys.exit(0 if all(r[6] for r in rows) else 1)
EOF
