// The tree the streaming and the split scans are tested on (test/unit/slim-scan.test.ts, split-scan.test.ts): what is
// read across files (Terraform modules and variables, Kubernetes objects in several files, a Kustomization naming a
// CloudFormation template as a patch), suppressions with and without a reason, an oversized file, a Helm template,
// files of other formats; and every report the CLI's `scan` writes from an outcome.
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import type { ScanOutcome } from '../../server/src/engine/scan';
import { fingerprintResults } from '../../server/src/engine/baseline';
import { jsonReportParts, sarifReportParts, textReportParts } from '../../server/src/cli/report';
import { gitlabSastReport } from '../../server/src/cli/report-gitlab';

const catalogue = defaultCatalogue();

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: team
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.25
`;

export const TREE: Record<string, string> = {
  // Terraform: a local module call across directories, the account-wide EBS default in another file of the module.
  'tf/app/main.tf': 'module "net" {\n  source = "../../modules/net"\n  public = true\n}\n\nresource "aws_ebs_volume" "covered" {\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n',
  'modules/net/main.tf': 'variable "public" {\n  default = false\n}\n\nresource "aws_db_instance" "db" {\n  publicly_accessible = var.public\n}\n',
  'tf/app/defaults.tf': 'resource "aws_ebs_encryption_by_default" "d" {\n  enabled = true\n}\n',
  'tf/other/vol.tf': 'resource "aws_ebs_volume" "bare" {\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n',
  // Plans, linted early: one in YAML with an unencrypted volume (the EBS project check reads plans too), one in JSON.
  'plans/plan.yaml': 'format_version: "1.2"\nplanned_values:\n  root_module:\n    resources:\n      - address: aws_ebs_volume.p\n        type: aws_ebs_volume\n        name: p\n        mode: managed\n        values:\n          availability_zone: us-east-1a\n          encrypted: false\n',
  'plans/plan.json': JSON.stringify({ format_version: '1.2', planned_values: { root_module: { resources: [{ address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', name: 'b', mode: 'managed', values: { bucket: 'b', acl: 'public-read' } }] } } }, null, 2) + '\n',
  // Kubernetes across files: the NetworkPolicy of namespace team is in another file.
  'k8s/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: empty\n',
  'k8s/deploy.yaml': DEPLOY,
  'k8s/netpol.json': '{\n  "apiVersion": "networking.k8s.io/v1",\n  "kind": "NetworkPolicy",\n  "metadata": { "name": "deny", "namespace": "team" },\n  "spec": { "podSelector": {}, "policyTypes": ["Ingress"] }\n}\n',
  // A Kustomization naming a patch and, oddly, a CloudFormation template: the template is linted early, then found
  // to be a patch, and must end as the lint of all files leaves it (a note, not linted).
  'k8s/overlay/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base\npatchesStrategicMerge:\n  - patch.yaml\n  - ../../cfn/patched.yaml\n',
  'k8s/overlay/patch.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          securityContext:\n            privileged: true\n',
  'cfn/patched.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n',
  // CloudFormation: findings with fixes, a suppression with a reason and one without (CL-GEN-001), a related
  // location, a syntax error, JSON and YAML, CRLF line ends, a resource type without rules.
  'cfn/bucket.yaml':
    'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n    Properties:\n      AccessControl: PublicRead\n  Quiet:\n    # cloudline-ignore CL-AWS-002 -- logs bucket, reviewed\n    Type: AWS::S3::Bucket\n  Loud:\n    # cloudline-ignore CL-AWS-002\n    Type: AWS::S3::Bucket\n  Pipe:\n    Type: AWS::DataPipeline::Pipeline\n',
  'cfn/db.json': '{\r\n  "AWSTemplateFormatVersion": "2010-09-09",\r\n  "Resources": {\r\n    "Db": { "Type": "AWS::RDS::DBInstance", "Properties": { "PubliclyAccessible": true, "Engine": "mysql" } },\r\n    "Sg": { "Type": "AWS::EC2::SecurityGroup", "Properties": { "GroupDescription": "x", "SecurityGroupIngress": [{ "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0" }] } }\r\n  }\r\n}\r\n',
  'cfn/broken.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties: [\n',
  'cfn/huge.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + '  B:\n    Type: AWS::S3::Bucket\n'.repeat(2_000),
  'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n',
  'arm.json': '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": [] }\n',
  Dockerfile: 'FROM alpine\n',
};

/** Every report the CLI's `scan` writes, from one outcome (fingerprints from the outcome when it has them). */
export function reports(o: ScanOutcome): Record<string, string> {
  const prints = o.fingerprints?.get(process.cwd()) ?? fingerprintResults(o.results, process.cwd());
  return {
    text: [...textReportParts(o.results, 'info', o.scanned, false, o.unread, o.notChecked)].join(''),
    json: [...jsonReportParts(o.results, 'info', o.scanned, catalogue, o.unread, o.notChecked)].join(''),
    sarif: [...sarifReportParts(o.results, 'info', catalogue, o.unread, o.notChecked, undefined, prints)].join(''),
    gitlab: gitlabSastReport({ results: o.results, threshold: 'info', unread: o.unread, notChecked: o.notChecked, start: new Date(0), end: new Date(0), root: process.cwd(), prints }),
  };
}

