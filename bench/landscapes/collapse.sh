#!/usr/bin/env bash
# Mode-collapse study (issue 4): the landscape recipe against its variants, each trained for the same process-CPU
# budget on one torch thread with seed 1, then evaluated on the val split (150 images per category).
#
# Usage: bench/landscapes/collapse.sh [CPU_SECONDS=360] [DATA=../shared/data/landscapes] [OUT=runs/bench-collapse]
# Runs two trainings at a time (each needs ~6 GB of memory; an evaluation needs ~6 GB more).
set -euo pipefail
cd "$(dirname "$0")/../.."
budget="${1:-360}"
data="${2:-../shared/data/landscapes}"
out="${3:-runs/bench-collapse}"
export CREATIVEGEN_TORCH_THREADS="${CREATIVEGEN_TORCH_THREADS:-1}"

dotnet build client -c Release -v quiet
cli=client/bin/Release/net10.0/creativegen

declare -A variants=(
  [base]=""
  [mbstd4]="--minibatch-std 4"
  [mbstd4-ms1]="--minibatch-std 4 --mode-seeking 1"
  [ms1]="--mode-seeking 1"
  [ms0.3]="--mode-seeking 0.3"
  [ms0.1]="--mode-seeking 0.1"
)

train() {
  local name=$1
  # shellcheck disable=SC2086
  nice -n 10 "$cli" landscape train --data "$data/train" --out "$out/$name" --steps 1000000 --cpu-budget "$budget" \
    --checkpoint-every 100 --seed 1 ${variants[$name]} > "$out/$name.log" 2>&1
}

mkdir -p "$out"
names=(base mbstd4 mbstd4-ms1 ms1 ms0.3 ms0.1)
for ((i = 0; i < ${#names[@]}; i += 2)); do
  train "${names[i]}" &
  train "${names[i + 1]}" &
  wait
done
for name in "${names[@]}"; do
  nice -n 10 "$cli" landscape eval --model "$out/$name/model.ckpt" --data "$data/val" --train "$data/train" \
    --json "$out/$name/eval.json" > "$out/$name/eval.txt"
done
echo "evaluations: $out/*/eval.txt"
