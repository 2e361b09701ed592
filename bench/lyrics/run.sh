#!/usr/bin/env bash
# Lyrics bench (issue 12): words set to real melodies (POP909 val MELODY tracks, first 16 bars) and to a generated
# piano piece's top line, measured for rhyme, syllable counts, stress on strong beats (and real verse set to the same
# phrases), originality, val perplexity against a Kneser-Ney trigram, and singing (Festival, measured with aubio).
# Usage: bench/lyrics/run.sh [out-folder]   (CREATIVEGEN=path/to/creativegen to use another build)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=${CREATIVEGEN_DATA:-$root/../shared/data}
out=${1:-/work/runs/lyrics-bench}
cli=${CREATIVEGEN:-$root/creativegen}
mapfile -t melodies < <(ls "$data"/music/pop909/val/*/*.mid | sort | head -12)
mkdir -p "$out"
export CREATIVEGEN_TORCH_THREADS=1
flock /tmp/cg-cpu.lock nice -n 5 "$cli" lyrics bench --poems "$data/lyrics/poems" --cmudict "$data/lyrics/pronunciation/cmudict.dict" \
  --melodies "${melodies[@]}" --melody-track 0 --bars 16 --sing 3 --out "$out" | tee "$out/bench.md"
# A whole song from the shipped piano model: MIDI with lyric events, LRC, text, sung WAV and its vocal stem.
flock /tmp/cg-cpu.lock nice -n 5 "$cli" music generate --lyrics --theme sea --scheme abab --seed 7 --length-seconds 30 \
  --out "$out/piano-sea.mid" --wav "$out/piano-sea.wav" | tee -a "$out/bench.md"
