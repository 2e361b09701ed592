#!/usr/bin/env bash
# Installs, from Debian's packages, what the test suite needs and a fresh machine lacks:
# PostgreSQL (the ADO.NET persistence and clustering tests), fluidsynth and a General MIDI soundfont (WAV rendering),
# Chromium and its driver (the studio page's browser tests, tests/CreativeGen.Cluster.Tests/Browser).
set -euo pipefail
need=()
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need+=(postgresql)
command -v fluidsynth >/dev/null || need+=(fluidsynth)
[ -e /usr/share/sounds/sf2/FluidR3_GM.sf2 ] || need+=(fluid-soundfont-gm)
# Singing (lyrics): Festival with the kal voice, and aubio to measure the sung pitch and onsets.
command -v text2wave >/dev/null || need+=(festival)
[ -d /usr/share/festival/voices/english/kal_diphone ] || need+=(festvox-kallpc16k)
command -v aubiopitch >/dev/null || need+=(aubio-tools)
# Browser tests: Debian's Chromium and its driver.
command -v chromium >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]} =="
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
