// CL-AWS-142: AWS Backup vaults whose recovery points are not encrypted with a customer managed KMS key.
import { cfnGuideDoc, defineRule, iso27001, nist, tfDoc } from '../../kit';
import { cmkCheck } from '../../lib/encryption';

const check = cmkCheck({
  subject: 'Backup vault',
  consequence: 'so the backups it stores are encrypted with a key AWS manages, not one whose policy you control',
  fixNote: 'replaces an existing vault',
});

export default defineRule({
  id: 'CL-AWS-142',
  slug: 'backup-vault-no-cmk',
  title: 'Backup vault is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: true,
  description:
    'A backup vault without a key of its own encrypts the backups of resources that AWS Backup encrypts independently with the AWS managed key aws/backup. Backups are encrypted either way; a customer managed key lets you decide in its key policy who may restore or copy them, audit their use and keep them out of reach of an account that is compromised.',
  remediation: 'Set EncryptionKeyArn (kms_key_arn) to a customer managed KMS key when creating the vault.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS Backup encrypts every backup it stores, with the AWS managed key aws/backup unless you name a key',
    customer: 'choosing a customer managed key, and so who may use the backups, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28', 'CP-9'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_166'] },
  docs: [
    'https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html',
    cfnGuideDoc('aws-resource-backup-backupvault', 'cfn-backup-backupvault-encryptionkeyarn'),
    tfDoc('backup_vault', 'kms_key_arn'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::Backup::BackupVault'], run: check('EncryptionKeyArn') },
    terraform: { reads: 'scope', types: ['aws_backup_vault'], run: check('kms_key_arn') },
  },
});
