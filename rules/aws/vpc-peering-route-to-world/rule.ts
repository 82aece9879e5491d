// CL-AWS-270: a route through a VPC peering connection to every address (0.0.0.0/0 or ::/0).
import { cfnDoc, type CheckContext, cisAws, defineRule, findReachable, nist, type Resource, tfDoc, type Val } from '../../kit';
import { type Family, networkResponsibility, worldFamily } from '../../lib/network';

/** True when a route goes through a peering connection: the ID is written, known or not (a plan writes `""` for unused targets). */
function throughPeering(v: Val): boolean {
  return findReachable(v, (x) => x.isUnknown || (x.str() ?? '').trim() !== '') !== undefined;
}

const ALL: Record<Family, string> = { IPv4: 'every IPv4 address', IPv6: 'every IPv6 address' };

/** Reports the first world-open destination of one route. */
function checkRoute(label: string, peering: Val, destinations: Val[], shown: string, ctx: CheckContext): void {
  if (!throughPeering(peering)) return;
  for (const d of destinations) {
    const open = findReachable(d, (x) => worldFamily(x.str()) !== undefined);
    if (!open) continue;
    const family = worldFamily(open.str())!;
    ctx.report(
      open,
      `${label} sends ${open.str()!.trim()} (${ALL[family]}) through ${shown}, so the subnets of the route table reach the whole peer VPC, ranges added to it later included, instead of only the peer CIDRs they need.`,
    );
  }
}

/** `VPC peering connection pcx-…` when the ID is written as text, else `the VPC peering connection of <key>`. */
function shownId(v: Val, key: string): string {
  const s = v.str()?.trim();
  return s && !s.includes('${') ? `VPC peering connection ${s}` : `the VPC peering connection of ${key}`;
}

function cfnCheck(r: Resource, ctx: CheckContext): void {
  const peering = r.body.get('VpcPeeringConnectionId');
  checkRoute(`Route ${r.id}`, peering, [r.body.get('DestinationCidrBlock'), r.body.get('DestinationIpv6CidrBlock')], shownId(peering, 'VpcPeeringConnectionId'), ctx);
}

function tfCheck(r: Resource, ctx: CheckContext): void {
  if (r.type === 'aws_route') {
    const peering = r.body.get('vpc_peering_connection_id');
    checkRoute(`Route ${r.id}`, peering, [r.body.get('destination_cidr_block'), r.body.get('destination_ipv6_cidr_block')], shownId(peering, 'vpc_peering_connection_id'), ctx);
    return;
  }
  for (const route of r.body.get('route').list()) {
    const peering = route.get('vpc_peering_connection_id');
    checkRoute(`Route table ${r.id}`, peering, [route.get('cidr_block'), route.get('ipv6_cidr_block')], shownId(peering, 'vpc_peering_connection_id'), ctx);
  }
}

export default defineRule({
  id: 'CL-AWS-270',
  slug: 'vpc-peering-route-to-world',
  title: 'Route sends all addresses through a VPC peering connection',
  severity: 'medium',
  fixable: false,
  description:
    'A route to 0.0.0.0/0 or ::/0 through a VPC peering connection makes the whole peer VPC reachable from the subnets of the route table, including address ranges added to it later, where routing only the peer CIDRs that need to be reached keeps the two networks apart.',
  remediation: 'Route only the CIDR blocks of the peer subnets that need to be reached (DestinationCidrBlock / destination_cidr_block) through the peering connection.',
  responsibility: networkResponsibility(
    'AWS carries traffic between the peered VPCs along the routes you write and never routes it beyond them',
    'which destinations your route tables send through a peering connection is yours',
  ),
  frameworks: [cisAws('5.5'), nist('SC-7', 'AC-4')],
  equivalents: {
    kics: ['b3a41501-f712-4c4f-81e5-db9a7dc0e34e'],
  },
  docs: [
    'https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html',
    'https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html',
    cfnDoc('aws-resource-ec2-route'),
    tfDoc('route', 'vpc_peering_connection_id'),
    tfDoc('route_table', 'route'),
  ],
  checks: {
    cloudformation: { reads: 'resource', types: ['AWS::EC2::Route'], run: cfnCheck },
    terraform: { reads: 'resource', types: ['aws_route', 'aws_route_table', 'aws_default_route_table'], run: tfCheck },
  },
});
