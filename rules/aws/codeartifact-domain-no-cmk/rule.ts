// CL-AWS-240: CodeArtifact domains whose assets are encrypted with the AWS managed key aws/codeartifact instead of a
// customer managed KMS key.
import { cfnGuideDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = cmkCheck({
  subject: 'CodeArtifact domain',
  consequence: 'so the packages of all its repositories are encrypted with the AWS managed key aws/codeartifact, whose policy you cannot change and whose use you cannot revoke',
  fix: false,
});

export default defineRule({
  id: 'CL-AWS-240',
  slug: 'codeartifact-domain-no-cmk',
  title: 'CodeArtifact domain is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'CodeArtifact encrypts every asset of every package in every repository of a domain with one KMS key: the AWS managed key aws/codeartifact unless you name a key when creating the domain. The assets are encrypted either way; a customer managed key lets you decide in its key policy who may use it, audit its use and revoke access to the packages.',
  remediation: 'Set EncryptionKey (encryption_key) to a customer managed KMS key when creating the domain.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'data-protection',
    provider: 'AWS encrypts every asset of the domain, with the AWS managed key aws/codeartifact unless you name a key of yours',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_221'] },
  docs: [
    'https://docs.aws.amazon.com/codeartifact/latest/ug/security-encryption.html',
    cfnGuideDoc('aws-resource-codeartifact-domain', 'cfn-codeartifact-domain-encryptionkey'),
    tfDoc('codeartifact_domain', 'encryption_key'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::CodeArtifact::Domain'], run: check('EncryptionKey') },
    terraform: { reads: 'scope', types: ['aws_codeartifact_domain'], run: check('encryption_key') },
  },
});
