#!/usr/bin/env bash
# Music Factory benchmark (see bench/RESULTS.md, section "Music Factory").
# Trains (a) the seed's recipe and (b) our configuration on the same piano-midi train/val split with the same
# CPU-time budget per run, then measures validation NLL, Yang & Lerch statistics against the val split,
# originality against the train split, and generation speed. Long: run it by hand, never from CI.
#
#   bench/music/run.sh [DATA_FOLDER] [CPU_MINUTES]
#
# DATA_FOLDER defaults to ../shared/data/music/piano-midi (relative to the repository root).
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-../shared/data/music/piano-midi}
BUDGET=${2:-12}
OUT=runs/bench-music
export CREATIVEGEN_TORCH_THREADS=${CREATIVEGEN_TORCH_THREADS:-1}
dotnet build client -c Release -v q -nologo
CG="dotnet client/bin/Release/net10.0/creativegen.dll"
mkdir -p "$OUT"

train() { # name, extra arguments...
  local name=$1; shift
  $CG music train --train "$DATA/train" --val "$DATA/val" --max-cpu-minutes "$BUDGET" --out "$OUT/$name" "$@" | tee "$OUT/$name.log"
}
# (a) the seed's recipe: notes+chords tokens, 3 x LSTM-512, dropout 0.3, RMSprop, sequences of 100.
train seed-recipe --preset seed-recipe --windows-per-epoch 400
# (b) our architecture on the same notes+chords tokens (same tokenization: bits/token comparable).
train small-notes --preset piano-small --tokenizer notes-chords --windows-per-epoch 600
# (b) our configuration as shipped: performance events, composer-conditioned, 2 x LSTM-256.
train small-perf --preset piano-small --seq-len 256 --windows-per-epoch 1000

for name in seed-recipe small-notes small-perf; do
  $CG music eval --model "$OUT/$name/best.ckpt" --data "$DATA/val" --train "$DATA/train" \
    --generate 32 --length-seconds 30 --json "$OUT/$name-eval.json" | tee "$OUT/$name-eval.txt"
  $CG music speed --model "$OUT/$name/best.ckpt" --streams 1 32 --repeats 3 | tee "$OUT/$name-speed.txt"
done
echo "results in $OUT"
