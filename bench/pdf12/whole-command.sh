#!/bin/bash
# Whole-command CPU and wall (GNU time) of `jikji ingest` of the three bench PDFs, in alternated pairs of two
# settings of one environment variable, the order flipped every pair; or, with MODE=peers, jikji against LangChain.js
# and a one-line text file (the data-dir open alone). Run under the bench lock:
#
#   flock /tmp/jikji-bench.lock nice -n 10 bench/pdf12/whole-command.sh <folder of the 3 PDFs> <out dir> [VAR a b]
#   e.g. … /work/data/pdf12-pdfs /work/data/pdf12-mem JIKJI_PARSE_MEMORY_MB 1024 2048      (PAIRS="1 2 3 4" to set pairs)
set -e
cd "$(dirname "$0")/../.."
NODE=$PWD/node_modules/node/bin/node
P=$1
OUT=$2
VAR=${3:-}
mkdir -p "$OUT/tiny" && echo "한 줄." > "$OUT/tiny/note.txt"
export JIKJI_CACHE_DIR=$OUT/cache
$NODE bin/jikji.js ingest "$OUT/tiny" --data-dir "$OUT/d-warm" --json > /dev/null   # the template cache, untimed
PDFS="$P/lshort-ko.pdf $P/kotex-doc.pdf $P/bzip2-manual.pdf"
for r in ${PAIRS:-1 2 3 4}; do
  if [ -z "$VAR" ]; then order="jikji langchain tiny"
  elif [ $((r % 2)) = 1 ]; then order="$4 $5"; else order="$5 $4"; fi
  for what in $order; do
    rm -rf "$OUT/d-$r-$what"
    load=$(cut -d' ' -f1 /proc/loadavg)
    fmt="pair $r $what load $load wall %e user %U sys %S maxrss_kb %M"
    case $what in
      jikji) /usr/bin/time -f "$fmt" $NODE bin/jikji.js ingest $PDFS --data-dir "$OUT/d-$r-$what" --json > /dev/null 2>> "$OUT/times.log" ;;
      langchain) /usr/bin/time -f "$fmt" $NODE bench/langchain-ingest.ts "$P" > /dev/null 2>> "$OUT/times.log" ;;
      tiny) /usr/bin/time -f "$fmt" $NODE bin/jikji.js ingest "$OUT/tiny" --data-dir "$OUT/d-$r-$what" --json > /dev/null 2>> "$OUT/times.log" ;;
      *) env "$VAR=$what" /usr/bin/time -f "$fmt" $NODE bin/jikji.js ingest $PDFS --data-dir "$OUT/d-$r-$what" --json > /dev/null 2>> "$OUT/times.log" ;;
    esac
    tail -1 "$OUT/times.log"
  done
done
