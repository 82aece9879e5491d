// Terraform provider configurations (`provider "aws" { … }`) read as resources of type `provider.<name>` in HCL,
// `*.tf.json` and plans (formats/terraform.ts): their IDs, CL-AWS-160's findings in them with exact ranges (and what it
// never reports), suppressions written for them, and that they stay out of what lists deployed resources (the
// not-checked tally, the inventory, CodeLens, the evidence's passed resources) while a hover on one shows its card.
import { strict as assert } from 'node:assert';
import { TOOL_VERSION } from '../../server/src/cli/report';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import type { LintResult } from '../../server/src/engine/lint';
import { NotCheckedTally, uncheckedNotice } from '../../server/src/engine/unchecked';
import { isProviderConfig, isPseudoResource } from '../../server/src/formats/resource';
import { frameworkEvidence } from '../../server/src/report/evidence';
import { buildInventory } from '../../server/src/report/inventory';
import { buildReport } from '../../server/src/report/report';
import { hoverAt } from '../../server/src/service/hover';
import { codeLenses, inventory } from '../../server/src/service/workspace';
import { lintText, spanText } from '../helpers';

const RULE = 'CL-AWS-160';
const catalogue = defaultCatalogue();
const docUri = (slug: string) => `https://example.invalid/${slug}`;

const ids = (r: LintResult) => r.resources.map((x) => `${x.type} ${x.id}`);
/** The rule's findings as `line:col-line:col message-start`, in file order. */
const found = (r: LintResult) =>
  r.findings
    .filter((f) => f.rule.id === RULE)
    .sort((a, b) => a.span[0] - b.span[0])
    .map((f) => `${spanText(r, f.span)} ${f.message.slice(0, f.message.indexOf(','))}`);

const HCL = `provider "aws" {
  region     = "us-east-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}

provider "aws" {
  alias = "west"
  token = "FwoGZXIvYXdzEBYaDH"
  assume_role_with_web_identity {
    role_arn           = "arn:aws:iam::123456789012:role/deploy"
    web_identity_token = "eyJraWQiOiJrMSJ9.e30.sig"
  }
}

provider "google" {
  project = "p"
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
}
`;

describe('Terraform provider configurations (provider.<name>)', () => {
  it('HCL: each provider block is a resource, an alias names it; CL-AWS-160 reports each literal credential at its value', () => {
    const r = lintText('main.tf', HCL);
    assert.deepEqual(ids(r), ['provider.aws provider.aws', 'provider.aws provider.aws.west', 'provider.google provider.google', 'aws_s3_bucket aws_s3_bucket.b']);
    assert.deepEqual(found(r), [
      '4:16-4:58 AWS provider configuration provider.aws sets secret_key to a literal secret access key',
      '9:11-9:31 AWS provider configuration provider.aws.west sets token to a literal session token',
      '12:26-12:52 AWS provider configuration provider.aws.west sets assume_role_with_web_identity.web_identity_token to a literal web identity token',
    ]);
    const secret = r.findings.find((f) => f.message.includes('secret_key'))!;
    assert.match(secret.message, /written in the code for anyone who can read it\. AWS IAM is SaaS: /);
    // The access key ID is not reported on its own: it is the related location of the secret key it belongs to.
    assert.deepEqual(
      secret.related.map((x) => `${spanText(r, x.span)} ${x.message}`),
      ['3:16-3:38 the access key ID it belongs to, written beside it'],
    );
    assert.deepEqual(r.errors, []);
  });

  it('never reports a variable (even with a literal default), a reference, an unknown value, an empty string or an access key alone', () => {
    const r = lintText(
      'main.tf',
      `variable "secret" {
  default = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}

locals {
  token = "FwoGZXIvYXdzEBYaDH"
}

provider "aws" {
  access_key = "AKIAIOSFODNN7EXAMPLE"
  secret_key = var.secret
  token      = local.token
}

provider "aws" {
  alias      = "b"
  secret_key = data.vault_generic_secret.aws.data["secret_key"]
  token      = ""
}

provider "aws" {
  alias      = "c"
  secret_key = "\${var.prefix}-key"
}
`,
    );
    assert.deepEqual(found(r), []);
    assert.deepEqual(ids(r), ['provider.aws provider.aws', 'provider.aws provider.aws.b', 'provider.aws provider.aws.c']);
  });

  it('a provider pointed at a local emulator (every endpoint on localhost or LocalStack) is not reported; one real endpoint keeps it checked', () => {
    const provider = (endpoints: string) => `provider "aws" {
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  endpoints {
${endpoints}  }
}
`;
    assert.deepEqual(found(lintText('main.tf', provider('    s3  = "http://localhost:4566"\n    sqs = "http://s3.localhost.localstack.cloud:4566"\n    iam = "http://127.0.0.1:4566"\n'))), []);
    assert.deepEqual(found(lintText('main.tf', provider('    s3  = "http://localhost:4566"\n    sts = "https://sts.eu-west-1.amazonaws.com"\n'))), [
      '3:33-3:39 AWS provider configuration provider.aws sets secret_key to a literal secret access key',
    ]);
    // An endpoint known only at plan time may be anything: still checked.
    assert.equal(found(lintText('main.tf', provider('    s3 = var.s3_endpoint\n'))).length, 1);
  });

  it('*.tf.json: "provider" as an object, as a list of bodies, and as a list of objects', () => {
    const object = lintText('main.tf.json', '{\n  "provider": {\n    "aws": { "region": "us-east-1", "secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }\n  }\n}\n');
    assert.deepEqual(ids(object), ['provider.aws provider.aws']);
    assert.deepEqual(found(object), ['3:51-3:93 AWS provider configuration provider.aws sets secret_key to a literal secret access key']);
    assert.deepEqual(object.findings[0].related, [], 'no access_key: no related location');
    const bodies = lintText(
      'main.tf.json',
      '{\n  "provider": {\n    "aws": [\n      { "region": "us-east-1" },\n      { "alias": "west", "token": "FwoGZXIvYXdzEBYaDH", "secret_key": "${var.sk}" }\n    ]\n  }\n}\n',
    );
    assert.deepEqual(ids(bodies), ['provider.aws provider.aws', 'provider.aws provider.aws.west']);
    assert.deepEqual(found(bodies), ['5:35-5:55 AWS provider configuration provider.aws.west sets token to a literal session token']);
    const list = lintText('main.tf.json', '{\n  "provider": [\n    { "aws": { "region": "us-east-1" } },\n    { "google": { "project": "p" } }\n  ]\n}\n');
    assert.deepEqual(ids(list), ['provider.aws provider.aws', 'provider.google provider.google']);
  });

  it('plans: configuration.provider_config, constants known and references unknown, IDs as in *.tf', () => {
    const plan = JSON.stringify({
      format_version: '1.2',
      planned_values: { root_module: { resources: [] } },
      configuration: {
        provider_config: {
          aws: { name: 'aws', expressions: { access_key: { constant_value: 'AKIAIOSFODNN7EXAMPLE' }, secret_key: { constant_value: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } } },
          'aws.west': { name: 'aws', alias: 'west', expressions: { secret_key: { references: ['var.sk'] }, assume_role_with_web_identity: [{ web_identity_token: { constant_value: 'eyJ' } }] } },
          'module.net:aws': { name: 'aws', module_address: 'module.net', expressions: { token: { constant_value: '' } } },
          azurerm: { name: 'azurerm', expressions: { features: [{}] } },
        },
        root_module: {},
      },
    });
    const r = lintText('plan.json', plan);
    assert.deepEqual(ids(r), ['provider.aws provider.aws', 'provider.aws provider.aws.west', 'provider.aws module.net.provider.aws', 'provider.azurerm provider.azurerm']);
    const at = (f: LintResult['findings'][number]) => plan.slice(f.span[0], f.span[1]);
    assert.deepEqual(
      r.findings.filter((f) => f.rule.id === RULE).map((f) => `${at(f)} ${f.message.slice(0, f.message.indexOf(','))}`),
      [
        '"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" AWS provider configuration provider.aws sets secret_key to a literal secret access key',
        '"eyJ" AWS provider configuration provider.aws.west sets assume_role_with_web_identity.web_identity_token to a literal web identity token',
      ],
    );
    const secret = r.findings.find((f) => f.message.includes('secret_key'))!;
    assert.deepEqual(secret.related.map((x) => plan.slice(x.span[0], x.span[1])), ['"AKIAIOSFODNN7EXAMPLE"']);
  });

  describe('suppressions', () => {
    const block = (inside = '', before = '') => `${before}provider "aws" {\n${inside}  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n}\n`;
    const suppressed = (r: LintResult) => r.suppressed.filter((s) => s.finding.rule.id === RULE);

    it('# cloudline-ignore above the block covers the provider configuration', () => {
      const r = lintText('main.tf', block('', '# cloudline-ignore CL-AWS-160 -- CI sandbox keys, rotated daily\n'));
      assert.deepEqual(found(r), []);
      assert.equal(suppressed(r).length, 1);
      assert.deepEqual(suppressed(r)[0].suppression.scope, { resource: 'provider.aws' });
      assert.equal(suppressed(r)[0].suppression.reason, 'CI sandbox keys, rotated daily');
    });

    it("Checkov's #checkov:skip=CKV_AWS_41 inside the block; not one for another check", () => {
      const r = lintText('main.tf', block('  #checkov:skip=CKV_AWS_41:local test keys\n'));
      assert.deepEqual(found(r), []);
      const [s] = suppressed(r);
      assert.equal(s.suppression.tool, 'checkov');
      assert.equal(s.suppression.check, 'CKV_AWS_41');
      assert.equal(s.suppression.reason, 'local test keys');
      assert.equal(found(lintText('main.tf', block('  #checkov:skip=CKV_AWS_17:other\n'))).length, 1);
    });

    it('a suppression above one provider block does not cover the next', () => {
      const r = lintText('main.tf', `${block('', '# cloudline-ignore CL-AWS-160 -- sandbox\n')}\nprovider "aws" {\n  alias      = "prod"\n  secret_key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"\n}\n`);
      assert.deepEqual(found(r), ['8:16-8:58 AWS provider configuration provider.aws.prod sets secret_key to a literal secret access key']);
    });

    it('*.tf.json: a "//" key in the provider body', () => {
      const r = lintText('main.tf.json', '{"provider": {"aws": {"//": "cloudline-ignore CL-AWS-160 -- sandbox", "secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}}}');
      assert.deepEqual(found(r), []);
      assert.equal(suppressed(r).length, 1);
    });
  });

  describe('not a deployed resource', () => {
    it('isPseudoResource: provider configurations and the CloudFormation template, not resources or data sources', () => {
      const r = lintText('main.tf', `${HCL}data "aws_caller_identity" "me" {}\n`);
      assert.deepEqual(r.resources.filter(isPseudoResource).map((x) => x.id), ['provider.aws', 'provider.aws.west', 'provider.google']);
      assert.ok(r.resources.filter(isProviderConfig).every((x) => x.type.startsWith('provider.')));
      const cfn = lintText('t.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n');
      assert.deepEqual(cfn.resources.filter(isPseudoResource).map((x) => x.id), ['(template)']);
    });

    it('not in the not-checked tally or the editor notice: a google provider block alone leaves nothing unchecked', () => {
      const r = lintText('main.tf', 'provider "google" {\n  project = "p"\n}\n\nprovider "kubernetes" {}\n');
      assert.deepEqual(new NotCheckedTally().list([r], catalogue).filter((n) => n.kind === 'resources'), []);
      assert.equal(uncheckedNotice(r, catalogue), undefined);
      // A resource of the same provider still counts (the catalogue without Google Cloud rules).
      const withBucket = lintText('main.tf', 'provider "google" {}\n\nresource "google_foo_thing" "b" {}\n');
      assert.ok(new NotCheckedTally().list([withBucket], catalogue).every((n) => !n.what.startsWith('provider')));
    });

    it('not in the inventory (CLI) nor the editor inventory and CodeLens; its findings are kept as file findings', () => {
      const r = lintText('main.tf', HCL);
      const inv = buildInventory([r], catalogue, { toolVersion: TOOL_VERSION });
      const listedIds = [...inv.models.flatMap((m) => m.clouds.flatMap((c) => c.services.flatMap((s) => s.resources))), ...inv.unclassified.flatMap((g) => g.resources)].map((x) => x.id);
      assert.deepEqual(listedIds, ['aws_s3_bucket.b']);
      assert.equal(inv.summary.resources, 1);
      assert.deepEqual(
        inv.fileFindings.filter((f) => f.ruleId === RULE).map((f) => `${f.line}:${f.column}`),
        ['4:16', '9:11', '12:26'],
      );
      assert.deepEqual(inventory([r], catalogue).map((i) => i.id), ['aws_s3_bucket.b']);
      const lenses = codeLenses(r, catalogue, true);
      assert.deepEqual(lenses.map((l) => l.range.start.line), [19], 'one lens, on the bucket');
    });

    it('evidence: a provider configuration is no resource that passed; one with a finding fails the control', () => {
      const control = (r: LintResult) => frameworkEvidence([r], catalogue, 'nist-800-53-r5').checked.find((c) => c.id === 'IA-5(7)')!;
      const clean = control(lintText('main.tf', 'provider "aws" {\n  region = "us-east-1"\n}\n'));
      assert.equal(clean.status, 'no-resources');
      assert.deepEqual(clean.resources, []);
      const leaked = control(lintText('main.tf', 'provider "aws" {\n  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n}\n'));
      assert.equal(leaked.status, 'failed');
      assert.deepEqual(leaked.resources.map((x) => `${x.id} ${x.status}`), ['provider.aws failed']);
    });

    it('the responsibility report: one resource (the bucket), the provider finding counted and in the backlog', () => {
      const report = buildReport([lintText('main.tf', HCL)], catalogue, { toolVersion: TOOL_VERSION });
      assert.equal(report.summary.resources, 1);
      assert.deepEqual(report.unclassified, []);
      assert.equal(report.summary.findings, lintText('main.tf', HCL).findings.length);
      const nist = report.frameworks.find((f) => f.id === 'nist-800-53-r5')!;
      const control = nist.checked.find((c) => c.id === 'IA-5(7)')!;
      assert.deepEqual(control.resources.map((x) => `${x.id} ${x.status} line ${x.line}`), ['provider.aws failed line 1', 'provider.aws.west failed line 7']);
      assert.deepEqual(
        report.backlog.filter((b) => b.ruleId === RULE).map((b) => `${b.resource.id} ${b.line}:${b.column} ${b.service}`).sort(),
        ['provider.aws 4:16 AWS IAM', 'provider.aws.west 12:26 AWS IAM', 'provider.aws.west 9:11 AWS IAM'],
      );
    });

    it("hover on a provider's name: its card (no crash), for a provider with rules and one without", () => {
      const r = lintText('main.tf', HCL);
      const value = (offset: number) => (hoverAt(r, offset, catalogue, docUri)!.contents as { value: string }).value;
      const aws = value(HCL.indexOf('"aws"') + 2);
      assert.match(aws, /^### Provider configuration `provider\.aws`\nTerraform's settings for the `aws` provider: how it reaches the provider's API\. It deploys nothing\./);
      assert.match(aws, /1 Cloudline rule checks this provider's configuration\./);
      assert.match(aws, /\*\*1 customer-side finding\*\* on `provider\.aws`\./);
      const west = value(HCL.indexOf('"aws"', HCL.indexOf('"aws"') + 1) + 2);
      assert.match(west, /\*\*2 customer-side findings\*\* on `provider\.aws\.west`\./);
      const google = value(HCL.indexOf('"google"') + 2);
      assert.match(google, /_No Cloudline rules check this provider's configuration\._/);
      assert.match(google, /_No customer-side findings on this resource\._/);
      // On the finding itself: the finding's card, as anywhere.
      assert.match(value(HCL.indexOf('"wJal') + 3), /^### Secret written in plain text in a property that takes one/);
    });
  });
});
