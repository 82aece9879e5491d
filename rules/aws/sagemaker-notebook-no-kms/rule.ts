// CL-AWS-070: SageMaker notebook instances, Studio domains and endpoint configurations without a customer managed KMS
// key.
import { blocks, cfnDoc, cfnGuideDoc, type CheckContext, chooseFix, defineRule, iso27001, isSet, missingAt, nist, type Resource, tfDoc } from '../../kit';
import { KMS_KEY } from '../../lib/kms';

/**
 * Instance families whose ML storage is an EBS volume (no local instance store). For instance types with local
 * NVMe storage (m5d, g4dn, g5, p4d, …) SageMaker rejects a KMS key: the local disks are encrypted in hardware.
 */
const EBS_ONLY_FAMILIES = new Set([
  't2', 't3', 'm4', 'm5', 'm6i', 'm6g', 'm7i', 'm7g', 'c4', 'c5', 'c6i', 'c6g', 'c7i', 'c7g', 'r5', 'r6i', 'r6g', 'r7i', 'r7g', 'p2', 'p3', 'inf1', 'inf2',
]);

function familyOf(instanceType: string): string | undefined {
  return /^ml\.([a-z0-9-]+)\./.exec(instanceType)?.[1];
}

/**
 * Reports `key` where it is missing (not where it is unknown): `holder` names the resource ("SageMaker domain"),
 * `volume` what the AWS managed key then encrypts, `replaces` what the fix replaces.
 */
function requireKey(r: Resource, ctx: CheckContext, key: string, holder: string, volume: string, replaces: string): void {
  for (const v of r.body.get(key).each()) {
    if (!isSet(v) && !v.isUnknown) {
      ctx.report(missingAt(v, r.anchor), `${holder} ${r.id} has no ${key}, so ${volume} encrypted with an AWS managed key, not a customer managed KMS key.`, {
        fix: chooseFix(ctx, r, v, [key], KMS_KEY, `Set ${key} to a KMS key (fill in its ARN; replaces the ${replaces})`),
      });
    }
  }
}

function checkNotebook(r: Resource, ctx: CheckContext, key: string): void {
  requireKey(r, ctx, key, 'SageMaker notebook instance', 'its ML storage volume is', 'notebook instance');
}

/** A Studio domain's EFS home volume: encrypted with an AWS managed key unless KmsKeyId (kms_key_id) names one. */
function checkDomain(r: Resource, ctx: CheckContext, key: string): void {
  requireKey(r, ctx, key, 'SageMaker domain', "the EFS volume that holds its users' home directories is", 'domain');
}

function checkEndpointConfig(r: Resource, ctx: CheckContext, names: { key: string; variants: string; instanceType: string; serverless: string }): void {
  const variants = blocks(r.body, names.variants);
  if (variants.length === 0) return;
  // Only when every variant runs on a known instance type that accepts a KMS key.
  const allEbsOnly = variants.every((v) => {
    if (isSet(v.get(names.serverless))) return false;
    const type = v.get(names.instanceType).str();
    const family = type ? familyOf(type) : undefined;
    return family !== undefined && EBS_ONLY_FAMILIES.has(family);
  });
  if (allEbsOnly) requireKey(r, ctx, names.key, 'SageMaker endpoint configuration', 'the storage volumes of its hosting instances are', 'endpoint configuration');
}

export default defineRule({
  id: 'CL-AWS-070',
  slug: 'sagemaker-notebook-no-kms',
  title: 'SageMaker notebook, Studio domain or endpoint storage is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'SageMaker always encrypts the ML storage volumes of notebook instances and hosting instances, and the EFS home volume of a Studio domain, with an AWS managed key unless you name one. A customer managed key lets you control in its key policy who can read notebooks, data and models on those volumes, and revoke access.',
  remediation: 'Set KmsKeyId (kms_key_id, kms_key_arn) to a customer managed KMS key on the notebook instance, the Studio domain and the endpoint configuration.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS always encrypts ML storage volumes, with an AWS managed key unless you choose another',
    customer: 'choosing a customer managed key, and so who may use it, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: {
    checkov: ['CKV_AWS_22', 'CKV_AWS_98', 'CKV_AWS_187'],
    kics: [
      '709e6da6-fa1f-44cc-8f17-7f25f96dadbe',
      '44034eda-1c3f-486a-831d-e09a7dd94354',
      'f3674e0c-f6be-43fa-b71c-bf346d1aed99',
      '58b35504-0287-4154-bf69-02c0573deab8',
    ],
    cfnNag: ['W1201'],
  },
  docs: [
    'https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest-nbi.html',
    cfnGuideDoc('aws-resource-sagemaker-notebookinstance', 'cfn-sagemaker-notebookinstance-kmskeyid'),
    cfnGuideDoc('aws-resource-sagemaker-endpointconfig', 'cfn-sagemaker-endpointconfig-kmskeyid'),
    tfDoc('sagemaker_notebook_instance', 'kms_key_id'),
    tfDoc('sagemaker_endpoint_configuration', 'kms_key_arn'),
    'https://docs.aws.amazon.com/sagemaker/latest/dg/encryption-at-rest.html',
    cfnDoc('aws-resource-sagemaker-domain', 'cfn-sagemaker-domain-kmskeyid'),
    tfDoc('sagemaker_domain', 'kms_key_id'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::SageMaker::NotebookInstance', 'AWS::SageMaker::Domain', 'AWS::SageMaker::EndpointConfig'],
      run(r, ctx) {
        if (r.type === 'AWS::SageMaker::NotebookInstance') checkNotebook(r, ctx, 'KmsKeyId');
        else if (r.type === 'AWS::SageMaker::Domain') checkDomain(r, ctx, 'KmsKeyId');
        else checkEndpointConfig(r, ctx, { key: 'KmsKeyId', variants: 'ProductionVariants', instanceType: 'InstanceType', serverless: 'ServerlessConfig' });
      },
    },
    terraform: {
      reads: 'resource',
      types: ['aws_sagemaker_notebook_instance', 'aws_sagemaker_domain', 'aws_sagemaker_endpoint_configuration'],
      run(r, ctx) {
        if (r.type === 'aws_sagemaker_notebook_instance') checkNotebook(r, ctx, 'kms_key_id');
        else if (r.type === 'aws_sagemaker_domain') checkDomain(r, ctx, 'kms_key_id');
        else checkEndpointConfig(r, ctx, { key: 'kms_key_arn', variants: 'production_variants', instanceType: 'instance_type', serverless: 'serverless_config' });
      },
    },
  },
});
