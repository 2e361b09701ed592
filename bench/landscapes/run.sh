#!/usr/bin/env bash
# Landscape Designer benchmark: the seed's plain DCGAN (transposed convolutions, one learning rate, BCE) against the
# landscape model (Upsample+Conv, spectral-norm projection discriminator, TTUR hinge, DiffAugment, EMA), trained on the
# same data for the same process-CPU budget on one torch thread, then evaluated on the val split and timed.
#
# Usage: bench/landscapes/run.sh [CPU_SECONDS_PER_MODEL=600] [DATA=../shared/data/landscapes] [OUT=runs/bench-landscapes]
# Results go to OUT/<architecture>/{eval.json,eval.txt,speed.txt,sheets/}; copy the numbers into bench/RESULTS.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
budget="${1:-600}"
data="${2:-../shared/data/landscapes}"
out="${3:-runs/bench-landscapes}"
export CREATIVEGEN_TORCH_THREADS="${CREATIVEGEN_TORCH_THREADS:-1}"

dotnet build client -c Release -v quiet
cli=client/bin/Release/net10.0/creativegen

for architecture in TransposedDcgan Projection; do
  run="$out/$architecture"
  "$cli" landscape train --data "$data/train" --out "$run" --architecture "$architecture" \
    --steps 1000000 --cpu-budget "$budget" --checkpoint-every 100 --batch 32 --width 32 --seed 1
  "$cli" landscape eval --model "$run/model.ckpt" --data "$data/val" --train "$data/train" \
    --classifier "$out/landscape-classifier.ckpt" --json "$run/eval.json" | tee "$run/eval.txt"
  "$cli" landscape speed --model "$run/model.ckpt" --batch 1 4 64 | tee "$run/speed.txt"
  "$cli" landscape generate --model "$run/model.ckpt" --category mountain --count 8 --seed 7 --out "$run/mountain-seed7.png"
done
