#!/usr/bin/env bash
# Runs the batch-invariance tests (Category=BatchInvariance) again under settings that change which CPU kernels
# libtorch, MKL, oneDNN and .NET pick, so "the same bytes alone or in any batch" is checked on more than one code
# path of this CPU: ATen's vectorized kernels (ATEN_CPU_CAPABILITY), MKL's GEMM path and reproducibility mode,
# oneDNN's ISA, .NET's vector width (Vector<T> is 4 lanes without AVX2, 16 with MaxVectorTBitWidth=512), fused
# multiply-add in software (EnableFMA=0) and the thread count.
# The served landscape path promises more: the same bytes under every setting, i.e. on any CPU. Each run appends the
# digest of its 64 images to one file, and the script requires a single digest across all runs.
# Usage: bash tests/kernel-variants.sh   (after a build; CI runs it after the main test run)
set -uo pipefail
cd "$(dirname "$0")/.."
variants=(
  "ATEN_CPU_CAPABILITY=default"
  "ATEN_CPU_CAPABILITY=avx2"
  "ATEN_CPU_CAPABILITY=avx512"
  "MKL_ENABLE_INSTRUCTIONS=AVX2 MKL_CBWR=COMPATIBLE"
  "ONEDNN_MAX_CPU_ISA=SSE41"
  "DOTNET_EnableAVX512F=0 CREATIVEGEN_TORCH_THREADS=1"
  "DOTNET_EnableAVX2=0"
  "DOTNET_MaxVectorTBitWidth=512"
  "DOTNET_EnableFMA=0"
  "CREATIVEGEN_TORCH_THREADS=2"
)
digests=$(mktemp)
trap 'rm -f "$digests"' EXIT
failed=0 passed=0
for variant in "${variants[@]}"; do
  echo "== batch invariance under: $variant"
  if env $variant CREATIVEGEN_IMAGE_DIGESTS="$digests" dotnet test tests/CreativeGen.Ml.Tests/CreativeGen.Ml.Tests.csproj --no-build \
       --filter "Category=BatchInvariance" --logger "console;verbosity=minimal" 2>&1 \
       | grep -E -A3 "Passed!|Failed!|Failed |Error Message" ; then :; fi
  if [ "${PIPESTATUS[0]}" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "Kernel variants: $passed passed, $failed failed"
distinct=$(sort -u "$digests" | wc -l)
recorded=$(wc -l < "$digests")
echo "Landscape image digests: $recorded recorded, $distinct distinct ($(sort -u "$digests" | cut -c1-16 | paste -sd' '))"
[ "$failed" -eq 0 ] && [ "$recorded" -eq "${#variants[@]}" ] && [ "$distinct" -eq 1 ]
