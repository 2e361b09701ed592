// Validates rendered Helm output: every object against the Kubernetes OpenAPI schema (kubernetes-models, Kubernetes
// 1.3x types: required fields, types, enums, formats; it does not flag unknown fields), plus the chart review's rules.
// Usage: node validate-manifests.mjs <rendered.yaml> [--expect-gpu]   (exits 1 listing every problem)
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [file, ...flags] = process.argv.slice(2);
const expectGpu = flags.includes("--expect-gpu");
const documents = parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS()).filter((d) => d && d.kind);
const problems = [];
const say = (object, message) => problems.push(`${object.kind}/${object.metadata?.name}: ${message}`);

for (const object of documents) {
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
  const module = `kubernetes-models/${group ? `${group}/` : ""}${version}/${object.kind}`;
  let Model;
  try {
    Model = (await import(module))[object.kind];
  } catch {
    say(object, `no schema for ${object.apiVersion} ${object.kind}`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    say(object, `schema: ${error.message}`);
  }
  if ((object.metadata?.name ?? "").length > 63) say(object, `name longer than 63 characters (${object.metadata.name.length})`);
  const pod = object.spec?.template?.spec;
  if (!pod) continue;
  if (pod.securityContext?.runAsNonRoot !== true) say(object, "pod does not set runAsNonRoot: true");
  for (const container of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
    const line = [...(container.command ?? []), ...(container.args ?? [])].join(" ");
    if (/Host=|Password=|ConnectionString\)|--connection\b/i.test(line)) say(object, `container ${container.name}: a connection string on the command line: ${line}`);
    if (container.securityContext?.allowPrivilegeEscalation !== false) say(object, `container ${container.name}: allowPrivilegeEscalation is not false`);
  }
  if (object.kind === "Deployment") {
    const component = object.spec.selector.matchLabels["app.kubernetes.io/component"];
    const budget = documents.find((d) => d.kind === "PodDisruptionBudget" && d.spec.selector.matchLabels["app.kubernetes.io/component"] === component);
    if (!budget) say(object, "no PodDisruptionBudget selects it");
    const probes = pod.containers[0];
    if (!probes.startupProbe || !probes.readinessProbe) say(object, "no startup and readiness probes");
    if (component === "silo-gpu" && expectGpu && !probes.resources?.limits?.["nvidia.com/gpu"]) say(object, "the GPU pool requests no nvidia.com/gpu");
  }
}
if (!documents.some((d) => d.kind === "NetworkPolicy")) problems.push("no NetworkPolicy rendered");

if (problems.length > 0) {
  console.error(`${file}: ${problems.length} problem(s)\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`${file}: ${documents.length} objects valid (${[...new Set(documents.map((d) => d.kind))].join(", ")})`);
