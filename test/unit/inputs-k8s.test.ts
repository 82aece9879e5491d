// Kubernetes inputs that were skipped or misread: lists inside lists, and custom resources that reuse a built-in kind.
import { strict as assert } from 'node:assert';
import { lintText, spanText } from '../helpers';

const POD = (indent: string, name: string) =>
  [
    `apiVersion: v1`,
    `kind: Pod`,
    `metadata:`,
    `  name: ${name}`,
    `spec:`,
    `  containers:`,
    `    - name: app`,
    `      image: nginx@sha256:${'a'.repeat(64)}`,
    `      securityContext:`,
    `        privileged: true`,
  ]
    .map((l, i) => (i === 0 ? l : indent + l))
    .join('\n');

describe('inputs: Kubernetes lists and API groups', () => {
  it('reads a List inside a List, with exact ranges, once per object', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: List
    items:
      - ${POD('        ', 'inner')}
  - ${POD('    ', 'outer')}
`;
    const r = lintText('list.yaml', text);
    const priv = r.findings.filter((f) => f.rule.id === 'CL-K8S-001');
    assert.deepEqual(
      priv.map((f) => [f.resource.id, spanText(r, f.span)]),
      [
        ['Pod/inner', '16:29-16:33'],
        ['Pod/outer', '26:25-26:29'],
      ],
    );
    assert.deepEqual(r.resources.map((x) => x.id), ['Pod/inner', 'Pod/outer']);
  });

  it('reads a <Kind>List inside a List', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: PodList
    items:
      - ${POD('        ', 'p')}
`;
    const r = lintText('list.yaml', text);
    assert.deepEqual(r.resources.map((x) => x.id), ['Pod/p']);
    assert.ok(r.findings.some((f) => f.rule.id === 'CL-K8S-001'));
  });

  it('stops at a bounded depth of nested lists without throwing, and says so', () => {
    let text = POD('', 'deep');
    for (let i = 0; i < 200; i++) text = `{"apiVersion": "v1", "kind": "List", "items": [${text.startsWith('{') ? text : JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'deep' } })}]}`;
    const r = lintText('deep.json', text);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.resources, []);
    // What is not read is said, once, at the kind of the list that is too deep.
    assert.equal(r.notices.length, 1);
    assert.equal(text.slice(r.notices[0].span[0], r.notices[0].span[1]), '"List"');
    assert.equal(r.notices[0].message, 'Cloudline reads lists nested up to 8 deep: this List is deeper, so its items are not linted.');
    assert.equal(text.slice(0, r.notices[0].span[0]).split('"kind": "List"').length - 1, 8, 'the notice is on the ninth list');
  });

  it('a custom resource that reuses a built-in kind name in another API group gets no built-in findings', () => {
    const text = `apiVersion: example.com/v1
kind: Deployment
metadata:
  name: custom
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: app
          image: nginx:latest
          securityContext:
            privileged: true
`;
    const r = lintText('crd.yaml', text);
    assert.deepEqual(r.findings.map((f) => f.rule.id), []);
    assert.equal(r.resources[0].type, 'Deployment.example.com');
    assert.equal(r.resources[0].id, 'Deployment/custom');
  });

  for (const apiVersion of ['apps/v1', 'extensions/v1beta1', 'apps/v1beta1', 'apps/v1beta2', '"\${DEPLOYMENT_API}"', undefined]) {
    it(`a Deployment with apiVersion ${apiVersion ?? '(missing, in a List)'} is read as a Deployment`, () => {
      const deployment = `${apiVersion ? `apiVersion: ${apiVersion}\n` : ''}kind: Deployment
metadata:
  name: web
  namespace: prod
spec:
  template:
    spec:
      containers:
        - name: app
          image: nginx@sha256:${'a'.repeat(64)}
          securityContext:
            privileged: true
`;
      // A manifest without apiVersion is not recognised as Kubernetes on its own; in a List it is read.
      const text = apiVersion ? deployment : `apiVersion: v1\nkind: List\nitems:\n  - ${deployment.replace(/\n(?=.)/g, '\n    ')}`;
      const r = lintText('deploy.yaml', text);
      assert.equal(r.resources[0].type, 'Deployment');
      assert.ok(r.findings.some((f) => f.rule.id === 'CL-K8S-001'), r.findings.map((f) => f.rule.id).join());
    });
  }

  it('a Calico NetworkPolicy (another API group) still counts as a network policy of its namespace', () => {
    const workload = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: web, image: "nginx@sha256:${'a'.repeat(64)}"}]
`;
    const calico = `apiVersion: crd.projectcalico.org/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  selector: app == 'web'
`;
    assert.equal(lintText('a.yaml', workload).findings.filter((f) => f.rule.id === 'CL-K8S-053').length, 1);
    assert.deepEqual(lintText('a.yaml', `${calico}---\n${workload}`).findings.filter((f) => f.rule.id === 'CL-K8S-053'), []);
  });

  for (const [apiVersion, kind, ok] of [
    ['v1', 'Pod', true],
    ['example.com/v1', 'Pod', false],
    ['batch/v1', 'CronJob', true],
    ['batch/v1beta1', 'CronJob', true],
    ['example.com/v1', 'CronJob', false],
    ['batch/v1', 'Job', true],
    ['networking.k8s.io/v1', 'Ingress', true],
    ['extensions/v1beta1', 'Ingress', true],
    ['traefik.io/v1alpha1', 'Ingress', false],
    ['serving.knative.dev/v1', 'Service', false],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', true],
    ['iam.services.k8s.aws/v1alpha1', 'Role', false],
    ['audit.k8s.io/v1', 'Policy', true],
    ['audit.k8s.io/v1beta1', 'Policy', true],
    ['kyverno.io/v1', 'Policy', false],
  ] as const) {
    it(`${kind} in ${apiVersion} is ${ok ? '' : 'not '}the built-in kind`, () => {
      const r = lintText('x.yaml', `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x\n`);
      assert.equal(r.resources[0].type, ok ? kind : `${kind}.${apiVersion.slice(0, apiVersion.lastIndexOf('/'))}`);
    });
  }

  // Workload custom resources: their pod spec is read where each one keeps it, by API group and kind, so every pod
  // rule covers them; the same kind in another group is not read as a workload.
  const container = ['- name: app', `  image: nginx@sha256:${'a'.repeat(64)}`, '  securityContext:', '    privileged: true'];
  const podSpecAt = (depth: number) => ['spec:', 'containers:', ...container.map((l) => '  ' + l)].map((l, i) => '  '.repeat(depth + Math.min(i, 1)) + l);
  const nest = (keys: string[], inner: (depth: number) => string[]) => [...keys.map((k, i) => '  '.repeat(i) + k + ':'), ...inner(keys.length)];
  for (const [apiVersion, kind, type, keys] of [
    ['serving.knative.dev/v1', 'Service', 'Service.serving.knative.dev', ['spec', 'template']],
    ['serving.knative.dev/v1', 'Configuration', 'Configuration.serving.knative.dev', ['spec', 'template']],
    ['serving.knative.dev/v1', 'Revision', 'Revision.serving.knative.dev', []],
    ['sources.knative.dev/v1', 'ContainerSource', 'ContainerSource.sources.knative.dev', ['spec', 'template']],
    ['argoproj.io/v1alpha1', 'Rollout', 'Rollout.argoproj.io', ['spec', 'template']],
    ['apps.kruise.io/v1alpha1', 'CloneSet', 'CloneSet.apps.kruise.io', ['spec', 'template']],
    ['apps.kruise.io/v1beta1', 'StatefulSet', 'StatefulSet.apps.kruise.io', ['spec', 'template']],
    ['apps.kruise.io/v1alpha1', 'DaemonSet', 'DaemonSet.apps.kruise.io', ['spec', 'template']],
    ['keda.sh/v1alpha1', 'ScaledJob', 'ScaledJob.keda.sh', ['spec', 'jobTargetRef', 'template']],
    ['apps.openshift.io/v1', 'DeploymentConfig', 'DeploymentConfig.apps.openshift.io', ['spec', 'template']],
    ['v1', 'DeploymentConfig', 'DeploymentConfig.apps.openshift.io', ['spec', 'template']],
  ] as const) {
    it(`${kind} in ${apiVersion} is a workload: its pod spec is linted`, () => {
      const text = [`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', '  name: web', ...nest([...keys], podSpecAt), ''].join('\n');
      const r = lintText('crd.yaml', text);
      assert.equal(r.resources[0].type, type);
      const privileged = r.findings.filter((f) => f.rule.id === 'CL-K8S-001');
      assert.equal(privileged.length, 1, text);
      assert.equal(text.slice(privileged[0].span[0], privileged[0].span[1]), 'true');
      assert.match(privileged[0].message, new RegExp(`of ${kind} web `));
    });
  }

  for (const [apiVersion, kind] of [
    ['example.com/v1', 'Rollout'],
    ['example.com/v1', 'CloneSet'],
    ['example.com/v1', 'ScaledJob'],
    ['example.com/v1', 'Revision'],
    ['example.com/v1', 'ContainerSource'],
  ] as const) {
    it(`${kind} in ${apiVersion} is not a known workload: its spec is not read as a pod`, () => {
      const text = [`apiVersion: ${apiVersion}`, `kind: ${kind}`, 'metadata:', '  name: web', ...nest(['spec', 'template'], podSpecAt), ''].join('\n');
      const r = lintText('crd.yaml', text);
      assert.equal(r.resources[0].type, kind);
      assert.deepEqual(r.findings.filter((f) => f.rule.id === 'CL-K8S-001'), []);
    });
  }
});
