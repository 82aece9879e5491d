// CL-AWS-087: a VPC that no flow log captures.
import { cfnGuideDoc, type CheckContext, cisAws, defineRule, groupBy, nist, ofType, pci, positionsOf, type Related, type Resource, tfDoc } from '../../kit';
import { configsOf } from '../../lib/s3';

const CONSEQUENCE = 'so the traffic accepted and rejected in it is not recorded';

interface Names {
  readonly flowLog: string;
  readonly vpcAttr: string;
  readonly subnet: string;
  readonly subnetVpcAttr: string;
  readonly subnetAttr: string;
}

const CFN: Names = { flowLog: 'AWS::EC2::FlowLog', vpcAttr: 'ResourceId', subnet: 'AWS::EC2::Subnet', subnetVpcAttr: 'VpcId', subnetAttr: 'ResourceId' };
const TF: Names = { flowLog: 'aws_flow_log', vpcAttr: 'vpc_id', subnet: 'aws_subnet', subnetVpcAttr: 'vpc_id', subnetAttr: 'subnet_id' };

/** The flow logs that refer to one of `subnets` (by ID), in the order of the resources. */
function flowLogsOfSubnets(ctx: CheckContext, names: Names, subnets: ReadonlySet<string>): Resource[] {
  if (subnets.size === 0) return [];
  const bySubnet = ctx.shared(`vpc-flow-logs-disabled.bySubnet\u0000${names.flowLog}`, () => groupBy(ofType(ctx, names.flowLog), (f) => f.references(names.subnetAttr)));
  const found = new Set<Resource>();
  for (const id of subnets) for (const f of bySubnet.get(id) ?? []) found.add(f);
  const position = positionsOf(ctx);
  return [...found].sort((a, b) => position.get(a)! - position.get(b)!);
}

function check(names: Names) {
  return (vpc: Resource, ctx: CheckContext) => {
    const { linked, possible } = configsOf(vpc, ctx, [names.flowLog], names.vpcAttr);
    // CloudFormation: the flow log must capture the VPC itself (ResourceType VPC, or unknown).
    const covering = linked.filter((f) => names === TF || !f.body.get('ResourceType').some((t) => t.str() !== undefined && t.str() !== 'VPC'));
    if (covering.length > 0 || possible.length > 0) return;
    // Flow logs of this VPC's subnets capture only part of its traffic: point at them.
    const subnets = new Set(ctx.referrers(vpc, [names.subnet], names.subnetVpcAttr).map((s) => s.id));
    const related: Related[] = flowLogsOfSubnets(ctx, names, subnets)
      .flatMap((f) =>
        f.references(names.subnetAttr)
          .filter((id) => subnets.has(id))
          .map((id) => ({ node: f.anchor, message: `Flow log ${f.id} captures only subnet ${id} of VPC ${vpc.id}.` })),
      );
    const what = names === CFN ? 'no AWS::EC2::FlowLog with ResourceType VPC refers to it' : 'no aws_flow_log refers to it through vpc_id';
    ctx.report(vpc.anchor, `VPC ${vpc.id} has no flow log (${what}), ${CONSEQUENCE}.`, { related });
  };
}

export default defineRule({
  id: 'CL-AWS-087',
  slug: 'vpc-flow-logs-disabled',
  title: 'VPC has no flow log',
  severity: 'medium',
  fixable: false,
  description:
    'VPC flow logs record the IP traffic accepted and rejected at the network interfaces of a VPC: source, destination, ports, bytes and the decision. Without them, scanning, lateral movement and data exfiltration through the network leave no record to detect or investigate.',
  remediation: 'Add a flow log for the VPC (AWS::EC2::FlowLog with ResourceType VPC and ResourceId !Ref Vpc, or aws_flow_log with vpc_id), delivered to CloudWatch Logs or S3, capturing at least rejected traffic.',
  responsibility: {
    owner: 'customer',
    model: 'IaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS captures and delivers flow log records outside the path of your traffic once you create a flow log',
    customer: 'creating the flow log, choosing its destination and retention and reading it are yours',
  },
  frameworks: [cisAws('3.7'), nist('AU-2', 'AU-12', 'SI-4'), pci('10.2.1')],
  equivalents: {
    checkov: ['CKV2_AWS_11'],
    kics: ['f6d299d2-21eb-41cc-b1e1-fe12d857500b', 'f83121ea-03da-434f-9277-9cd247ab3047'],
    trivy: ['aws-ec2-require-vpc-flow-logs-for-all-vpcs'],
    cfnNag: ['W60'],
  },
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html',
    cfnGuideDoc('aws-resource-ec2-flowlog'),
    tfDoc('flow_log'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: ['AWS::EC2::VPC'], run: check(CFN) },
    // The default VPC, adopted by aws_default_vpc, is a VPC like any other and gets no flow log by default.
    terraform: { reads: 'scope', types: ['aws_vpc', 'aws_default_vpc'], run: check(TF) },
  },
});
