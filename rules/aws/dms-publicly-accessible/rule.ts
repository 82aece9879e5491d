// CL-AWS-033: a DMS replication instance with a public IP address.
import { type CheckContext, defineRule, findReachable, missingFromParent, missingPlaces, reachable, type Resource } from '../../kit';

function cloudformation(r: Resource, ctx: CheckContext): void {
  // The DMS API makes an instance public when PubliclyAccessible is omitted ("The default value is true").
  const alts = reachable(r.body.get('PubliclyAccessible'));
  for (const v of alts) {
    if (!v.isTrue()) continue;
    const edits = ctx.edits.setValue(v, false);
    ctx.report(v, `DMS replication instance ${r.id} sets PubliclyAccessible to true, so it gets a public IP address.`, {
      fix: { title: 'Set PubliclyAccessible to false', edits },
    });
  }
  const missing = alts.filter((v) => v.isAbsent);
  const plain = missing.filter((v) => missingFromParent(v, r.body));
  const props = r.body.node;
  const ats = missingPlaces(r.anchor, plain, alts.length, r);
  for (const at of ats) {
    // Missing outright: the finding goes to the logical ID; the fix adds the secure value to Properties.
    const edits = ats.length === 1 && at === r.anchor && props?.kind === 'map' ? ctx.edits.addPair(props, 'PubliclyAccessible', false) : undefined;
    ctx.report(at, `DMS replication instance ${r.id} does not set PubliclyAccessible, and DMS then gives it a public IP address.`, {
      fix: { title: 'Add PubliclyAccessible: false', edits },
    });
  }
  // AWS::NoValue in one branch of Fn::If leaves the property out under that condition.
  for (const v of missing) {
    if (!plain.includes(v)) ctx.report(v, `DMS replication instance ${r.id} leaves PubliclyAccessible out, and DMS then gives it a public IP address.`);
  }
}

function terraform(r: Resource, ctx: CheckContext): void {
  // The provider sends false when publicly_accessible is omitted: only an explicit true is public.
  const bad = findReachable(r.body.get('publicly_accessible'), (v) => v.isTrue());
  if (!bad) return;
  const edits = ctx.edits.setValue(bad, false);
  ctx.report(bad, `DMS replication instance ${r.id} sets publicly_accessible to true, so it gets a public IP address.`, {
    fix: { title: 'Set publicly_accessible to false', edits },
  });
}

export default defineRule({
  id: 'CL-AWS-033',
  slug: 'dms-publicly-accessible',
  title: 'DMS replication instance is publicly accessible',
  severity: 'high',
  fixable: true,
  description:
    'A publicly accessible DMS replication instance has a public IP address while it holds connections, and credentials, to your source and target databases.',
  remediation: 'Set PubliclyAccessible (publicly_accessible) to false and connect the replication instance to its endpoints over the VPC, a VPN, AWS Direct Connect or VPC peering.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'network',
    provider: 'AWS runs and patches the replication instances',
    customer: 'whether a replication instance has a public IP address is your decision',
  },
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['AC-3', 'SC-7'] },
    { framework: 'PCI DSS', version: '4.0', controls: ['1.4.4'] },
  ],
  equivalents: {
    checkov: ['CKV_AWS_89'],
    kics: ['5864fb39-d719-4182-80e2-89dbe627be63'],
  },
  docs: [
    'https://docs.aws.amazon.com/dms/latest/userguide/CHAP_ReplicationInstance.PublicPrivate.html',
    'https://docs.aws.amazon.com/dms/latest/APIReference/API_CreateReplicationInstance.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dms-replicationinstance.html',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dms_replication_instance',
  ],
  checks: {
    cloudformation: { types: ['AWS::DMS::ReplicationInstance'], run: cloudformation },
    terraform: { types: ['aws_dms_replication_instance'], run: terraform },
  },
});
