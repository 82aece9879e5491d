// CL-AWS-140: CodeBuild projects that turn off the encryption of their build artifacts.
import { AT_REST, cfnGuideDoc, defineRule, type SettingSpec, tfDoc } from '../../kit';
import { allSettings } from '../../lib/encryption';

const CFN = ['AWS::CodeBuild::Project'];
const TF = ['aws_codebuild_project'];

function artifacts(cfn: string, tf: string): SettingSpec {
  return {
    subject: 'CodeBuild project',
    consequence: 'so its build output is stored in S3 without the project\'s KMS encryption',
    want: false,
    // Encryption is on unless turned off.
    absentMeans: null,
    formats: { cloudformation: { types: CFN, path: [cfn, 'EncryptionDisabled'] }, terraform: { types: TF, path: [tf, 'encryption_disabled'] } },
  };
}

const SPECS = [artifacts('Artifacts', 'artifacts'), artifacts('SecondaryArtifacts', 'secondary_artifacts')];

export default defineRule({
  id: 'CL-AWS-140',
  slug: 'codebuild-artifacts-unencrypted',
  title: 'CodeBuild project disables the encryption of its artifacts',
  severity: 'medium',
  fixable: true,
  description:
    'CodeBuild encrypts the build artifacts it uploads to S3 with the project\'s KMS key unless the artifacts set EncryptionDisabled. Build output often holds packaged code, configuration and sometimes secrets baked in at build time.',
  remediation: 'Remove EncryptionDisabled (encryption_disabled) from the artifacts and secondary artifacts, or set it to false.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS runs the build environment and encrypts the artifacts it uploads unless told not to',
    customer: 'keeping artifact encryption on is your setting',
  },
  frameworks: AT_REST,
  equivalents: { checkov: ['CKV_AWS_78'], trivy: ['aws-codebuild-enable-encryption'] },
  docs: [
    'https://docs.aws.amazon.com/codebuild/latest/userguide/security-encryption.html',
    cfnGuideDoc('aws-properties-codebuild-project-artifacts', 'cfn-codebuild-project-artifacts-encryptiondisabled'),
    tfDoc('codebuild_project', 'encryption_disabled'),
  ],
  checks: { cloudformation: allSettings(SPECS, 'cloudformation'), terraform: allSettings(SPECS, 'terraform') },
});
