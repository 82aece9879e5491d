// CL-AWS-242: Image Builder components, and the AMIs distribution configurations copy to each Region, not encrypted with
// a customer managed KMS key.
import { blocks, cfnGuideDoc, type CheckContext, defineRule, iso27001, keyNode, missingAt, nist, type Node, type Resource, tfDoc, type Val } from '../../kit';
import { cmkCheck, isAwsManagedAlias, lookedUpKey, shownKey } from '../../lib/encryption';

const component = cmkCheck({
  subject: 'Image Builder component',
  consequence: 'so its document (the build and test steps, often with the scripts and settings of your images) is encrypted with a key Image Builder chooses (one it owns, or the default key of the account), whose policy you cannot change and whose use you cannot revoke',
  fix: false,
});

const AMI = 'so the AMIs it copies there are not encrypted with a key of yours: their snapshots keep the encryption of the image built (none, or the key its recipe names) or take the default EBS encryption of the Region';
const AMI_MANAGED = 'an AWS managed key, so the AMIs it copies there are not encrypted with a key whose policy you control';

interface Names {
  readonly list: string;
  readonly region: string;
  readonly ami: string;
  readonly key: string;
}

const CFN: Names = { list: 'Distributions', region: 'Region', ami: 'AmiDistributionConfiguration', key: 'KmsKeyId' };
const TF: Names = { list: 'distribution', region: 'region', ami: 'ami_distribution_configuration', key: 'kms_key_id' };

/** The AMI distribution settings of one distribution (one Region): a missing key, an empty one or an AWS managed alias. */
function checkAmi(r: Resource, ctx: CheckContext, ami: Val, at: Node, shown: string, names: Names): void {
  const subject = `Image Builder distribution configuration ${r.id}`;
  const key = ami.get(names.key);
  const bad = key.find((x) => x.isAbsent || x.str() === '' || isAwsManagedAlias(x.str() ?? lookedUpKey(r, ctx, x) ?? ''));
  if (!bad) return;
  if (bad.isAbsent) ctx.report(missingAt(bad, at), `${subject} does not set ${shown}.${names.key}, ${AMI}.`);
  else ctx.report(bad, `${subject} sets ${shown}.${names.key} to ${shownKey(bad, bad.isUnknown ? lookedUpKey(r, ctx, bad) : undefined)}, ${AMI_MANAGED}.`);
}

/**
 * Each distribution (Region) that writes AMI distribution settings. A distribution without them (a container image's,
 * or one that only sets launch templates) is not judged: it names no AMI settings to hold a key.
 */
function distributions(names: Names) {
  return (r: Resource, ctx: CheckContext) => {
    const list = blocks(r.body, names.list);
    const listAt = keyNode(r.body, names.list) ?? r.anchor;
    list.forEach((d, i) => {
      const region = d.get(names.region).str();
      const where = `${names.list}[${i}]${region ? ` (${region})` : ''}`;
      const at = keyNode(d, names.ami) ?? listAt;
      for (const ami of blocks(d, names.ami)) checkAmi(r, ctx, ami, at, `${where}.${names.ami}`, names);
    });
  };
}

const CFN_DISTRIBUTIONS = distributions(CFN);
const TF_DISTRIBUTIONS = distributions(TF);
const CFN_COMPONENT = component('KmsKeyId');
const TF_COMPONENT = component('kms_key_id');

export default defineRule({
  id: 'CL-AWS-242',
  slug: 'imagebuilder-no-cmk',
  title: 'Image Builder component or distributed AMI is not encrypted with a customer managed KMS key',
  severity: 'low',
  fixable: false,
  description:
    'An Image Builder component without a KMS key of its own is encrypted with a key Image Builder chooses, and a distribution configuration whose AMI settings name no KMS key copies the AMIs it builds to each Region without encrypting them with a key of yours. A customer managed key lets you decide in its key policy who may read the component and launch the distributed AMIs, audit its use and revoke access.',
  remediation: 'Set KmsKeyId (kms_key_id) of the component, and AmiDistributionConfiguration.KmsKeyId (ami_distribution_configuration { kms_key_id }) of each distribution, to a customer managed KMS key.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'data-protection',
    provider: 'AWS stores components and copies the AMIs to each Region, encrypting them with the keys you name, else with keys it chooses or as the image was built',
    customer: 'choosing a customer managed key, and so who may use it and when it can be revoked, is your decision',
  },
  frameworks: [nist('SC-12', 'SC-28'), iso27001('A.8.24')],
  equivalents: { checkov: ['CKV_AWS_180', 'CKV_AWS_199'] },
  docs: [
    'https://docs.aws.amazon.com/imagebuilder/latest/userguide/data-protection.html',
    cfnGuideDoc('aws-resource-imagebuilder-component', 'cfn-imagebuilder-component-kmskeyid'),
    cfnGuideDoc('aws-properties-imagebuilder-distributionconfiguration-amidistributionconfiguration', 'cfn-imagebuilder-distributionconfiguration-amidistributionconfiguration-kmskeyid'),
    tfDoc('imagebuilder_component', 'kms_key_id'),
    tfDoc('imagebuilder_distribution_configuration', 'kms_key_id'),
  ],
  checks: {
    cloudformation: {
      reads: 'resource',
      types: ['AWS::ImageBuilder::Component', 'AWS::ImageBuilder::DistributionConfiguration'],
      run: (r, ctx) => (r.type === 'AWS::ImageBuilder::Component' ? CFN_COMPONENT : CFN_DISTRIBUTIONS)(r, ctx),
    },
    terraform: {
      reads: 'scope',
      types: ['aws_imagebuilder_component', 'aws_imagebuilder_distribution_configuration'],
      run: (r, ctx) => (r.type === 'aws_imagebuilder_component' ? TF_COMPONENT : TF_DISTRIBUTIONS)(r, ctx),
    },
  },
});
