#!/usr/bin/env bash
# Personal landscapes (issue 10, section 3): fine-tunes the shipped model on the 50 street photos at 1, 5 and 10
# CPU-minutes (one run, resumed exactly at each budget), then compares them with the base model on the 50 held-out
# street photos: SWD to val, nearest-train distances, a contact sheet. The fine-tunes are the CPU-heavy part, so each
# one runs under the shared CPU lock, niced.
#   bench/personal/run.sh [run folder, default /work/runs/personal-street]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
data=${FEWSHOT_DATA:-$root/../shared/data/landscapes/fewshot/street}
runs=${1:-/work/runs/personal-street}
mkdir -p "$runs"
cg() { flock /tmp/cg-cpu.lock nice -n 5 "$root/creativegen" "$@"; }
for minutes in 1 5 10; do
  cg landscape finetune --photos "$data/train" --run "$runs/run" --out "$runs/personal-${minutes}min.ckpt" --cpu-minutes "$minutes"
done
cg landscape personal-eval --train "$data/train" --val "$data/val" --sheet "$root/bench/personal/street-sheet.png" \
  --models "$runs/personal-1min.ckpt" "$runs/personal-5min.ckpt" "$runs/personal-10min.ckpt"
