#!/usr/bin/env bash
# Failover benchmark (bench/RESULTS.md, section "Failover"): two model-host silos, one plain silo and the gateway
# as separate processes on loopback, clustered and stored in PostgreSQL. Real users compose and rate through the
# HTTP API while the model host serving the music model is killed with SIGKILL; the driver
# (bench/CreativeGen.Bench.Cluster, mode `failover`) counts failed requests, measures the recovery, looks for every
# acknowledged write in the users' histories, and checks that the model grains came back only on the surviving
# model host (GET /v1/operator/cluster). Exits non-zero if a request hung or failed uncleanly, a write was lost, or
# a model grain came back elsewhere. About 2 minutes; .ci/run runs it once after the tests.
#
#   bench/failover/run.sh [OUT_FOLDER] [extra driver options, e.g. --users 8 --after 60]
#
# Uses CREATIVEGEN_PG when set (a fresh cluster id per run keeps runs apart); otherwise starts a throwaway
# PostgreSQL (deploy/scripts/start-test-postgres.sh) on port 55433. CONFIGURATION=Release builds Release.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-$(mktemp -d /tmp/creativegen-failover.XXXXXX)}
shift || true
config=${CONFIGURATION:-Debug}   # CI's `dotnet test` has built Debug already
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build silo/CreativeGen.Silo.csproj -c "$config" -v q -nologo -clp:"NoSummary;ErrorsOnly"
dotnet build bench/CreativeGen.Bench.Cluster/CreativeGen.Bench.Cluster.csproj -c "$config" -v q -nologo -clp:"NoSummary;ErrorsOnly"
if [ -z "${CREATIVEGEN_PG:-}" ]; then
  CREATIVEGEN_PG_PORT=${CREATIVEGEN_PG_PORT:-55433} source deploy/scripts/start-test-postgres.sh
fi
mkdir -p "$out"
echo "== failover: logs and failover.json in $out =="
dotnet "bench/CreativeGen.Bench.Cluster/bin/$config/net10.0/CreativeGen.Bench.Cluster.dll" failover \
  --silo "silo/bin/$config/net10.0/CreativeGen.Silo.dll" --gateway "client/bin/$config/net10.0/creativegen.dll" \
  --out "$out" "$@"
