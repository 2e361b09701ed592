#!/usr/bin/env bash
# Runs the batch-invariance tests (Category=BatchInvariance) again under settings that change which CPU kernels
# libtorch, MKL, oneDNN and .NET pick, so "the same bytes alone or in any batch" is checked on more than one code
# path of this CPU: ATen's vectorized kernels (ATEN_CPU_CAPABILITY), MKL's GEMM path and reproducibility mode,
# oneDNN's ISA, .NET's vector width (Vector<T> is 4 lanes without AVX2) and the thread count.
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
  "CREATIVEGEN_TORCH_THREADS=2"
)
failed=0 passed=0
for variant in "${variants[@]}"; do
  echo "== batch invariance under: $variant"
  if env $variant dotnet test tests/CreativeGen.Ml.Tests/CreativeGen.Ml.Tests.csproj --no-build \
       --filter "Category=BatchInvariance" --logger "console;verbosity=minimal" 2>&1 | grep -E "Passed!|Failed!|Failed |differ|Error Message" ; then :; fi
  if [ "${PIPESTATUS[0]}" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "Kernel variants: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
