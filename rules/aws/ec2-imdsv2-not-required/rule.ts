// CL-AWS-038: instances may still use IMDSv1 (HttpTokens not required).
import {
  cfnDoc,
  type CheckContext,
  cisAws,
  defineRule,
  isMissingBlock,
  keyNode,
  missingPlaces,
  nist,
  nodeUnder,
  reachable,
  type Resource,
  strIs,
  type TextEdit,
  tfDoc,
  type Val,
} from '../../kit';

interface Shape {
  /** The mapping holding the metadata options block (Properties, LaunchTemplateData, the Terraform body). */
  readonly base: (r: Resource) => Val;
  /** How messages name that mapping's path (`LaunchTemplateData.`). */
  readonly prefix: string;
  readonly options: string;
  readonly tokens: string;
  readonly endpoint: string;
  /** A setting that hands the decision to a launch template (Instance LaunchTemplate, aws_instance launch_template). */
  readonly delegate?: string;
  readonly kind: string;
  /**
   * No quick-fix: Image Builder's container builds need a hop limit of two once tokens are required (its
   * InstanceMetadataOptions docs), and whether a configuration serves them is in other resources.
   */
  readonly noFix?: boolean;
  /** What an unset HttpTokens leaves, when not STILL_V1. */
  readonly unset?: string;
}

const CFN_NAMES = { options: 'MetadataOptions', tokens: 'HttpTokens', endpoint: 'HttpEndpoint' };
const TF_NAMES = { options: 'metadata_options', tokens: 'http_tokens', endpoint: 'http_endpoint' };

const IMAGE_BUILDER_V1 = "so the pipeline's build and test instances answer IMDSv1 (optional is Image Builder's default)";

const SHAPES: Record<string, Shape> = {
  'AWS::EC2::Instance': { ...CFN_NAMES, base: (r) => r.body, prefix: '', delegate: 'LaunchTemplate', kind: 'Instance' },
  'AWS::EC2::LaunchTemplate': { ...CFN_NAMES, base: (r) => r.body.get('LaunchTemplateData'), prefix: 'LaunchTemplateData.', kind: 'Launch template' },
  'AWS::AutoScaling::LaunchConfiguration': { ...CFN_NAMES, base: (r) => r.body, prefix: '', kind: 'Launch configuration' },
  aws_instance: { ...TF_NAMES, base: (r) => r.body, prefix: '', delegate: 'launch_template', kind: 'Instance' },
  aws_launch_template: { ...TF_NAMES, base: (r) => r.body, prefix: '', kind: 'Launch template' },
  aws_launch_configuration: { ...TF_NAMES, base: (r) => r.body, prefix: '', kind: 'Launch configuration' },
  aws_spot_instance_request: { ...TF_NAMES, base: (r) => r.body, prefix: '', delegate: 'launch_template', kind: 'Spot instance request' },
  // The build and test instances of EC2 Image Builder pipelines (HttpTokens: optional by default, Image Builder API).
  'AWS::ImageBuilder::InfrastructureConfiguration': { ...CFN_NAMES, options: 'InstanceMetadataOptions', base: (r) => r.body, prefix: '', kind: 'Image Builder infrastructure configuration', noFix: true, unset: IMAGE_BUILDER_V1 },
  aws_imagebuilder_infrastructure_configuration: { ...TF_NAMES, options: 'instance_metadata_options', base: (r) => r.body, prefix: '', kind: 'Image Builder infrastructure configuration', noFix: true, unset: IMAGE_BUILDER_V1 },
};

const STILL_V1 = 'so IMDSv1 stays available unless the AMI or the account-level IMDS defaults require IMDSv2';

function check(r: Resource, ctx: CheckContext): void {
  const s = SHAPES[r.type];
  if (!s) return;
  const name = `${s.kind} ${r.id}`;
  const path = `${s.prefix}${s.options}.${s.tokens}`;
  const bases = reachable(s.base(r));
  // Alternatives of the base mapping (branches of an Fn::If around it) that lack the metadata options block.
  const missing: { base: Val; edits?: TextEdit[] }[] = [];
  for (const base of bases) {
    if (base.isUnknown || base.isAbsent) continue;
    const baseNode = base.node;
    const options = base.get(s.options);
    for (const opt of reachable(options)) {
      if (opt.isUnknown) continue;
      if (isMissingBlock(opt)) {
        // An instance launched from a launch template takes its metadata options from the template.
        if (s.delegate && !isMissingBlock(base.get(s.delegate))) continue;
        const plain = opt.at === baseNode || opt.node?.kind === 'seq';
        if (plain) {
          const edits = !s.noFix && baseNode?.kind === 'map' && opt.node?.kind !== 'seq' ? ctx.edits.addPair(baseNode, s.options, { [s.tokens]: 'required' }) : undefined;
          missing.push({ base, edits });
        } else {
          // Left out by AWS::NoValue in one branch: reported at that branch.
          ctx.report(opt, `${name} does not set ${path} to required, ${s.unset ?? STILL_V1}.`);
        }
        continue;
      }
      for (const block of opt.list()) {
        const endpoint = block.get(s.endpoint);
        // IMDS turned off (or possibly off) leaves nothing to protect.
        if (endpoint.isUnknown || endpoint.some((e) => strIs(e, 'disabled'))) continue;
        const tokens = block.get(s.tokens);
        for (const t of reachable(tokens)) {
          if (t.isUnknown || strIs(t, 'required')) continue;
          const blockNode = block.node;
          if (t.isAbsent) {
            const key = keyNode(base, s.options) ?? r.anchor;
            const edits = !s.noFix && t.at === blockNode && blockNode?.kind === 'map' ? ctx.edits.addPair(blockNode, s.tokens, 'required') : undefined;
            ctx.report(t.at === blockNode ? nodeUnder(key, t.when, r) : t, `${name} does not set ${path} to required, ${s.unset ?? STILL_V1}.`, {
              fix: { title: `Set ${s.tokens} to required`, edits },
            });
            continue;
          }
          if (t.str() === undefined) continue;
          const edits = s.noFix ? undefined : ctx.edits.setValue(t, 'required');
          ctx.report(t, `${name} sets ${path} to ${t.str()}, so IMDSv1 stays available.`, {
            fix: { title: `Set ${s.tokens} to required`, edits },
          });
        }
      }
    }
  }
  const ats = missingPlaces(r.anchor, missing.map((m) => m.base), bases.length, r);
  ats.forEach((at, i) => {
    // A fix only where the block is missing in plain sight (not per Fn::If branch).
    const edits = ats.length === 1 && missing.length === 1 && !missing[0].base.when.length ? missing[i]?.edits : undefined;
    ctx.report(at, `${name} does not set ${path} to required, ${s.unset ?? STILL_V1}.`, {
      fix: { title: `Add ${s.options} with ${s.tokens}: required`, edits },
    });
  });
}

export default defineRule({
  id: 'CL-AWS-038',
  slug: 'ec2-imdsv2-not-required',
  title: 'EC2 instance metadata service does not require IMDSv2',
  severity: 'medium',
  fixable: true,
  description:
    'Without HttpTokens set to required, an instance still answers IMDSv1 requests, so a server-side request forgery (SSRF) bug or an open proxy on it can read the instance role credentials from the metadata service.',
  remediation:
    'Set MetadataOptions.HttpTokens (metadata_options.http_tokens; InstanceMetadataOptions.HttpTokens for Image Builder build instances) to required after checking that the software on the instances uses IMDSv2-capable SDKs and agents.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs the instance metadata service and offers IMDSv2, account-level defaults and IMDSv2-only AMIs',
    customer: 'requiring IMDSv2 on your instances, launch templates and image build instances is yours to do',
  },
  frameworks: [cisAws('5.6'), nist('AC-3', 'SC-7')],
  equivalents: { checkov: ['CKV_AWS_79'], trivy: ['aws-ec2-enforce-http-token-imds', 'aws-ec2-enforce-launch-config-http-token-imds'] },
  docs: [
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html',
    'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html',
    cfnDoc('aws-properties-ec2-instance-metadataoptions'),
    cfnDoc('aws-properties-ec2-launchtemplate-launchtemplatedata-metadataoptions'),
    tfDoc('instance', 'metadata-options'),
    'https://docs.aws.amazon.com/imagebuilder/latest/APIReference/API_InstanceMetadataOptions.html',
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EC2::Instance', 'AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::ImageBuilder::InfrastructureConfiguration'], run: check },
    terraform: { reads: 'resource', types: ['aws_instance', 'aws_spot_instance_request', 'aws_launch_template', 'aws_launch_configuration', 'aws_imagebuilder_infrastructure_configuration'], run: check },
  },
});
