// The Kubernetes manifests, checked without a cluster: rendered with kustomize, every built-in object
// validated against the Kubernetes API schemas (kubernetes-models; unknown fields refused along the
// generated client's field lists), every operator object against its
// CRD's schema (ajv, unknown fields refused as the API server would prune them), the shape a province
// relies on (replicas, probes, budgets, autoscaling, network policies, no Secret in the repo), and the
// deployments kept in step with the AppHost's app model (services, settings, endpoints).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments, parse } from "yaml";
import Ajv from "ajv";
// Only the generated models (the package's client needs a newer Node): each lists its fields and their types.
import * as apiTypes from "@kubernetes/client-node/dist/gen/models/ObjectSerializer.js";

const here = dirname(fileURLToPath(import.meta.url));
const kubernetesDir = join(here, "..");
const repo = join(kubernetesDir, "..", "..");

const render = (dir) =>
  parseAllDocuments(execFileSync("kubectl", ["kustomize", join(kubernetesDir, dir)], { encoding: "utf8" }))
    .map((d) => d.toJS())
    .filter(Boolean);

const layouts = { base: render("base"), production: render("overlays/production") };
const production = layouts.production;
const ofKind = (objects, kind) => objects.filter((o) => o.kind === kind);
const byName = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);

// ---- Kubernetes API schemas --------------------------------------------------------------------

// "apps/v1" is kubernetes-models/apps/v1, the core "v1" is kubernetes-models/v1.
const builtInModel = async (apiVersion, kind) => (await import(`kubernetes-models/${apiVersion}`))[kind];

const operatorKinds = new Set(["RabbitmqCluster", "User", "Permission", "Cluster", "Database", "ScheduledBackup"]);

// kubernetes-models does not refuse fields the API does not have; the API server does (kubectl's
// strict field validation), so a misspelt field would fail only at apply time. The generated client's
// models list every field of every type: walk the object along them and name each field not there.
function unknownFields(value, type, path, found = []) {
  if (value === null || typeof value !== "object") return found;
  const list = /^Array<(.+)>$/.exec(type);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (list) value.forEach((item, i) => unknownFields(item, list[1], `${path}[${i}]`, found));
  else if (map) Object.entries(value).forEach(([key, item]) => unknownFields(item, map[1], `${path}.${key}`, found));
  else if (apiTypes[type]?.getAttributeTypeMap) {
    const fields = new Map(apiTypes[type].getAttributeTypeMap().map((a) => [a.baseName, a.type]));
    for (const [key, item] of Object.entries(value)) {
      if (fields.has(key)) unknownFields(item, fields.get(key), `${path}.${key}`, found);
      else found.push(`${path}.${key}`);
    }
  }
  return found;
}

// apps/v1 Deployment is V1Deployment, autoscaling/v2 HorizontalPodAutoscaler V2HorizontalPodAutoscaler.
const apiType = (object) => {
  const version = object.apiVersion.split("/").at(-1);
  return `${version[0].toUpperCase()}${version.slice(1)}${object.kind}`;
};

for (const [layout, objects] of Object.entries(layouts)) {
  test(`${layout}: every built-in object is valid against the Kubernetes API schema`, async () => {
    const builtIn = objects.filter((o) => !operatorKinds.has(o.kind));
    assert.ok(builtIn.length > 40, `only ${builtIn.length} built-in objects rendered`);
    for (const object of builtIn) {
      const Model = await builtInModel(object.apiVersion, object.kind);
      assert.ok(Model, `${object.apiVersion} ${object.kind} is not a Kubernetes kind`);
      assert.doesNotThrow(() => new Model(object).validate(), `${object.kind}/${object.metadata.name}`);
      assert.ok(apiTypes[apiType(object)], `no field list for ${object.apiVersion} ${object.kind}`);
      assert.deepEqual(unknownFields(object, apiType(object), `${object.kind}/${object.metadata.name}`), [], "fields the API does not have");
    }
  });
}

// ---- The operators' CRD schemas ----------------------------------------------------------------

// The API server prunes fields a structural schema does not name: here they are refused instead, so a
// misspelt field fails the test rather than vanishing silently in the cluster.
function closed(schema) {
  if (schema === null || typeof schema !== "object") return schema;
  const copy = Array.isArray(schema) ? schema.map(closed) : {};
  if (Array.isArray(schema)) return copy;
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith("x-kubernetes-")) continue;
    copy[key] = key === "properties" ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closed(v)])) : closed(value);
  }
  if (schema.type === "object" && schema.properties && !schema["x-kubernetes-preserve-unknown-fields"] && schema.additionalProperties === undefined) {
    copy.additionalProperties = false;
  }
  // int-or-string fields ("1Gi" or 2) carry no type of their own.
  if (schema["x-kubernetes-int-or-string"]) {
    delete copy.type;
    copy.anyOf = [{ type: "integer" }, { type: "string" }];
  }
  return copy;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const crdValidators = new Map();
for (const file of readdirSync(join(here, "crds")).filter((f) => f.endsWith(".yaml"))) {
  const crd = parse(readFileSync(join(here, "crds", file), "utf8"));
  for (const version of crd.spec.versions) {
    const schema = closed(version.schema.openAPIV3Schema);
    // metadata is the API server's ObjectMeta, not described by the CRD.
    schema.properties.metadata = { type: "object" };
    crdValidators.set(`${crd.spec.group}/${version.name}:${crd.spec.names.kind}`, ajv.compile(schema));
  }
}

test("production: every operator object is valid against its operator's CRD schema", () => {
  const custom = production.filter((o) => operatorKinds.has(o.kind));
  assert.deepEqual([...new Set(custom.map((o) => o.kind))].sort(), ["Cluster", "Database", "Permission", "RabbitmqCluster", "ScheduledBackup", "User"]);
  for (const object of custom) {
    const validate = crdValidators.get(`${object.apiVersion}:${object.kind}`);
    assert.ok(validate, `no CRD schema for ${object.apiVersion} ${object.kind}`);
    assert.ok(validate(object), `${object.kind}/${object.metadata.name}: ${ajv.errorsText(validate.errors)}`);
  }
});

test("the checks refuse what the API server would drop or refuse", async () => {
  const deployment = structuredClone(byName(production, "Deployment", "tickets"));
  deployment.spec.replicas = "two";
  const Deployment = await builtInModel(deployment.apiVersion, deployment.kind);
  assert.throws(() => new Deployment(deployment).validate(), undefined, "a wrongly typed Deployment passed");
  const misspelt = structuredClone(byName(production, "Deployment", "tickets"));
  misspelt.spec.template.spec.containers[0].readynessProbe = misspelt.spec.template.spec.containers[0].readinessProbe;
  assert.deepEqual(unknownFields(misspelt, apiType(misspelt), "tickets"), ["tickets.spec.template.spec.containers[0].readynessProbe"]);

  const cluster = structuredClone(byName(production, "RabbitmqCluster", "partygrid-rabbitmq"));
  const validate = crdValidators.get(`${cluster.apiVersion}:${cluster.kind}`);
  cluster.spec.replicass = 3;
  assert.equal(validate(cluster), false, "a misspelt field passed");
  const postgres = structuredClone(byName(production, "Cluster", "partygrid-postgres"));
  postgres.spec.instances = "two";
  assert.equal(crdValidators.get(`${postgres.apiVersion}:${postgres.kind}`)(postgres), false, "a wrongly typed field passed");
});

// ---- What a province relies on -----------------------------------------------------------------

const deployments = ofKind(production, "Deployment");
const container = (deployment) => deployment.spec.template.spec.containers.find((c) => c.name === "app");

test("production: each service runs at least twice, probed, sized, budgeted and autoscaled", () => {
  assert.ok(deployments.length >= 8);
  for (const deployment of deployments) {
    const name = deployment.metadata.name;
    const app = container(deployment);
    assert.ok(deployment.spec.replicas >= 2, `${name} replicas`);
    assert.equal(app.readinessProbe.httpGet.path, "/health", `${name} readiness`);
    assert.equal(app.livenessProbe.httpGet.path, "/alive", `${name} liveness`);
    for (const key of ["cpu", "memory"]) assert.ok(app.resources.requests[key], `${name} requests ${key}`);
    assert.ok(app.resources.limits.memory, `${name} memory limit`);
    const labels = deployment.spec.template.metadata.labels;
    const selects = (selector) => Object.entries(selector.matchLabels).every(([k, v]) => labels[k] === v);
    assert.ok(ofKind(production, "PodDisruptionBudget").some((p) => selects(p.spec.selector) && p.spec.minAvailable >= 1), `${name} disruption budget`);
    const hpa = ofKind(production, "HorizontalPodAutoscaler").find((h) => h.spec.scaleTargetRef.name === name);
    assert.ok(hpa && hpa.spec.minReplicas >= 2 && hpa.spec.metrics.some((m) => m.resource?.name === "cpu"), `${name} CPU autoscaler`);
    const job = ofKind(production, "Job").find((j) => j.metadata.name === `${name}-migrate`);
    assert.ok(job, `${name} migration job`);
    const migrate = job.spec.template.spec.containers[0];
    assert.equal(migrate.image, app.image, `${name} migrates with the image it runs`);
    assert.ok(migrate.env.some((e) => e.name === "Database__MigrateOnly" && e.value === "true"), `${name} job only migrates`);
  }
});

test("production: only the gateway is reachable from outside, and only the gateway reaches the services", () => {
  for (const service of ofKind(production, "Service")) {
    assert.ok(!["LoadBalancer", "NodePort"].includes(service.spec.type), `${service.metadata.name} is exposed`);
  }
  const backends = ofKind(production, "Ingress").flatMap((i) => i.spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service.name)));
  assert.deepEqual([...new Set(backends)], ["gateway"]);

  const policies = ofKind(production, "NetworkPolicy");
  const denyAll = policies.find((p) => Object.keys(p.spec.podSelector).length === 0 && p.spec.policyTypes.includes("Ingress") && !p.spec.ingress);
  assert.ok(denyAll, "no default deny of ingress");
  const services = policies.find((p) => p.spec.podSelector.matchLabels?.["app.kubernetes.io/component"] === "service");
  assert.deepEqual(services.spec.ingress.flatMap((rule) => rule.from), [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "gateway" } } }]);
});

test("production: no Secret is in the repository; every one referenced is made as deploy/README.md says", () => {
  assert.equal(ofKind(production, "Secret").length, 0);
  const readme = readFileSync(join(repo, "deploy", "README.md"), "utf8");
  const referenced = new Set();
  const walk = (node) => {
    if (node && typeof node === "object") {
      if (node.secretKeyRef) referenced.add(node.secretKeyRef.name);
      if (node.importCredentialsSecret) referenced.add(node.importCredentialsSecret.name);
      if (node.passwordSecret) referenced.add(node.passwordSecret.name);
      if (node.accessKeyId) referenced.add(node.accessKeyId.name);
      if (typeof node.secretName === "string") referenced.add(node.secretName);
      Object.values(node).forEach(walk);
    }
  };
  production.forEach(walk);
  assert.ok(referenced.size >= 10);
  for (const secret of referenced) {
    assert.ok(readme.includes(secret), `deploy/README.md does not say how ${secret} is made`);
  }
});

test("production: each service signs in to RabbitMQ as its own user, with the credentials that user is made from", () => {
  const users = ofKind(production, "User");
  const permissions = ofKind(production, "Permission");
  for (const deployment of deployments) {
    const name = deployment.metadata.name;
    const secrets = new Set(container(deployment).env.filter((e) => e.name.startsWith("RABBITMQ_")).map((e) => e.valueFrom.secretKeyRef.name));
    assert.deepEqual([...secrets], [`partygrid-rabbitmq-${name}`], `${name} broker credentials`);
    const user = users.find((u) => u.spec.importCredentialsSecret?.name === `partygrid-rabbitmq-${name}`);
    assert.ok(user && user.spec.rabbitmqClusterReference.name === "partygrid-rabbitmq", `${name} broker user`);
    assert.ok(!user.spec.tags?.length, `${name} broker user has management tags`);
    assert.ok(permissions.some((p) => p.spec.userReference?.name === user.metadata.name && p.spec.vhost === "/"), `${name} broker permissions`);
  }
});

test("production: RabbitMQ is three operator-run nodes and PostgreSQL a primary and a replica with one database per service", () => {
  assert.equal(byName(production, "RabbitmqCluster", "partygrid-rabbitmq").spec.replicas, 3);
  assert.equal(byName(production, "Cluster", "partygrid-postgres").spec.instances, 2);
  const databases = ofKind(production, "Database").map((d) => d.spec.name).sort();
  assert.deepEqual(databases, deployments.map((d) => d.metadata.name).sort());
});

// ---- In step with the app model ----------------------------------------------------------------

// Settings only a local run has (Aspire's process plumbing, the dashboard's operator client, the
// console's dev server), and settings only a cluster has (secret parts of connection strings, the
// public address, the quorum queues' replicas, the collector).
const localOnly = [
  /^ASPNETCORE_URLS$/, /^HTTP_PORTS$/, /^DOTNET_/, /^LOGGING__CONSOLE__/, /^OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY$/,
  /^ConnectionStrings__\w+_db$/, /^Identity__OperatorClients__partygrid-dashboard__/,
];
const clusterOnly = [/^PUBLIC_URL$/, /^DB_PASSWORD$/, /^RABBITMQ_(USERNAME|PASSWORD)$/, /^Messaging__Broker__QuorumReplicas$/, /^Telemetry__/, /^OTEL_EXPORTER_OTLP_ENDPOINT$/,
  // Set only while a key-encryption key is being rotated (deploy/README.md).
  /^Keys__PreviousKeyEncryptionKeys__0$/];
const localDevServer = /localhost:5173/;

function appModel() {
  const dir = mkdtempSync(join(tmpdir(), "partygrid-manifest-"));
  try {
    execFileSync("dotnet", [
      "run", "--no-build", "--project", join(repo, "aspire-host"), "--no-launch-profile", "--",
      "--publisher", "manifest", "--output-path", join(dir, "manifest.json"),
      `--Infrastructure:DataDirectory=${join(dir, "data")}`, "--Demo:Enabled=false",
    ], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DOTNET_ENVIRONMENT: "Production" } });
    return JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")).resources;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test("the deployments are the app model's services, with its settings and endpoints", () => {
  const model = Object.entries(appModel()).filter(([, r]) => r.bindings?.http && /^(project|executable)\./.test(r.type));
  assert.deepEqual(model.map(([name]) => name).sort(), deployments.map((d) => d.metadata.name).sort(), "services");
  for (const [name, resource] of model) {
    const deployment = deployments.find((d) => d.metadata.name === name);
    const app = container(deployment);
    const wanted = Object.entries(resource.env)
      .filter(([key, value]) => !localOnly.some((p) => p.test(key)) && !localDevServer.test(value))
      .map(([key]) => key).sort();
    const given = app.env.map((e) => e.name).filter((key) => !clusterOnly.some((p) => p.test(key))).sort();
    assert.deepEqual(given, wanted, `${name}: settings`);
    assert.deepEqual(app.ports.map((p) => p.name).sort(), Object.keys(resource.bindings).sort(), `${name}: endpoints`);
    const service = byName(production, "Service", name);
    assert.deepEqual(service.spec.ports.map((p) => p.name).sort(), Object.keys(resource.bindings).sort(), `${name}: service ports`);
  }
});
