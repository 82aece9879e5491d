// Helm templates and Kustomize patches are not manifests yet: no syntax errors, no findings, one notice saying so.
import { strict as assert } from 'node:assert';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFiles } from '../../server/src/engine/lint';
import { goTemplateAction } from '../../server/src/engine/templates';
import { parseFile } from '../../server/src/model/parse';
import { lintText } from '../helpers';

const HELM = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
spec:
  template:
    spec:
      {{- with .Values.podSecurityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: app
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          securityContext: {{ toYaml .Values.securityContext | nindent 12 }}
`;

describe('templates', () => {
  it('recognises Go template actions, not CloudFormation dynamic references', () => {
    assert.equal(goTemplateAction('name: {{ .Values.x }}'), 6);
    assert.equal(goTemplateAction('x: {{- if .Values.enabled }}'), 3);
    assert.equal(goTemplateAction('x: {{ include "a" . }}'), 3);
    assert.equal(goTemplateAction('MasterUserPassword: "{{resolve:secretsmanager:db:SecretString:password}}"'), -1);
    assert.equal(goTemplateAction('value: "{{inputs.parameters.message}}"'), -1);
  });

  it('a Helm template gets one information notice at its first action, and no syntax errors or findings', () => {
    const r = lintText('chart/templates/deployment.yaml', HELM);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.findings, []);
    assert.equal(r.notices.length, 1);
    assert.deepEqual(r.notices[0].span, [HELM.indexOf('{{'), HELM.indexOf('}}') + 2]);
    assert.match(r.notices[0].message, /^This file is a Helm template: .* Render it \(helm template\) and lint the output/);
  });

  it('a CloudFormation template with dynamic references is linted as usual', () => {
    const r = lintText('t.yaml', 'Resources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MasterUserPassword: "{{resolve:secretsmanager:db:SecretString:password}}"\n      PubliclyAccessible: true\n');
    assert.deepEqual(r.notices, []);
    assert.ok(r.findings.some((f) => f.rule.id === 'CL-AWS-004'));
  });

  it('a Kustomize patch named by the kustomization beside it is not linted; the base is', () => {
    const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deployment.yaml]\npatches:\n  - path: ./replicas.yaml\npatchesStrategicMerge:\n  - resources.yaml\n';
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          resources: {limits: {memory: 1Gi}}\n';
    const base = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n      securityContext: {privileged: true}\n';
    const results = lintFiles(
      [parseFile('app/kustomization.yaml', kustomization), parseFile('app/resources.yaml', patch), parseFile('app/replicas.yaml', patch), parseFile('app/deployment.yaml', base)],
      defaultCatalogue(),
    );
    const [, resources, replicas, deployment] = results;
    for (const r of [resources, replicas]) {
      assert.deepEqual(r.findings, []);
      assert.equal(r.notices.length, 1);
      assert.match(r.notices[0].message, /^This file is a Kustomize patch/);
      assert.deepEqual(r.notices[0].span, [0, 'apiVersion'.length]);
    }
    assert.ok(deployment.findings.some((f) => f.rule.id === 'CL-K8S-001'));
    assert.deepEqual(deployment.notices, []);
  });
});
