#!/usr/bin/env bash
# What batch invariance by construction costs in speed (bench/RESULTS.md, "Batch invariance").
# Builds BASE (default 1b1ad15: libtorch's products in the music stepper, a torch sampler, landscapes in one
# batched pass) and the working tree, then alternates `music speed` (1 and 32 streams) and
# `landscape speed --batch 1 8 64` between the two, ROUNDS times, on one torch thread each.
#
#   bench/invariance/run.sh [BASE] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE=${1:-1b1ad15}
ROUNDS=${2:-3}
OUT=runs/bench-invariance
export CREATIVEGEN_TORCH_THREADS=1
mkdir -p "$OUT"
base_tree=$(mktemp -d)
trap 'git worktree remove --force "$base_tree" >/dev/null 2>&1 || true' EXIT
git worktree add -q --detach "$base_tree" "$BASE"
dotnet publish "$base_tree/client" -c Release -v q -nologo -o "$OUT/base" >/dev/null
dotnet publish client -c Release -v q -nologo -o "$OUT/head" >/dev/null
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; base $BASE, head $(git rev-parse --short HEAD); $(date -u +%FT%TZ)"
for round in $(seq "$ROUNDS"); do
  for build in base head; do
    echo "== round $round, $build"
    "$OUT/$build/creativegen" music speed | grep -E '^│ (1|32) ' || true
    "$OUT/$build/creativegen" landscape speed --batch 1 8 64 | grep -E '^│ *[0-9]' || true
  done
done | tee "$OUT/results.txt"
