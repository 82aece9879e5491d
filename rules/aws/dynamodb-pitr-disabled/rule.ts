// CL-AWS-082: a DynamoDB table without point-in-time recovery (continuous backups).
import { type CheckContext, defineRule, type MapNode, type Resource, type Val } from '../../kit';

const asMap = (v: Val | undefined): MapNode | undefined => (v?.node?.kind === 'map' ? (v.node as MapNode) : undefined);

function check(block: string, flag: string, terraform: boolean) {
  const shown = `${block}.${flag}`;
  return (r: Resource, ctx: CheckContext) => {
    const spec = r.body.get(block);
    if (spec.isUnknown) return;
    if (spec.isAbsent) {
      const body = asMap(r.body);
      const edits = body ? ctx.edits.addPair(body, block, { [flag]: true }) : undefined;
      ctx.report(r.anchor, `DynamoDB table ${r.id} does not configure ${block}, so point-in-time recovery is off.`, {
        fix: edits && edits.length > 0 ? { title: `Add ${shown}: true`, edits } : undefined,
      });
      return;
    }
    // Terraform blocks come as an object or a list of objects (always a list in plans); CloudFormation may branch.
    const specs: Val[] = terraform ? spec.list() : spec.each();
    if (terraform && specs.length === 0) {
      ctx.report(spec, `DynamoDB table ${r.id} configures an empty ${block}, so point-in-time recovery is off.`);
      return;
    }
    for (const s of specs) {
      if (s.isAbsent) {
        // Removed in one branch of Fn::If (AWS::NoValue).
        ctx.report(s, `DynamoDB table ${r.id} leaves ${block} unset, so point-in-time recovery is off.`);
        continue;
      }
      if (s.isUnknown || !s.isMap) continue;
      const v = s.get(flag);
      const bad = v.find((x) => x.isFalse() || x.isAbsent);
      if (!bad) continue;
      if (bad.isFalse()) {
        const edits = ctx.edits.setValue(bad, true);
        ctx.report(bad, `DynamoDB table ${r.id} sets ${shown} to false, so point-in-time recovery is off.`, {
          fix: edits && { title: `Set ${flag} to true`, edits },
        });
      } else if (v.isAbsent) {
        const map = asMap(s);
        const edits = map && s.when.length === 0 ? ctx.edits.addPair(map, flag, true) : undefined;
        ctx.report(r.anchor, `DynamoDB table ${r.id} does not set ${shown}, which defaults to false, so point-in-time recovery is off.`, {
          fix: edits && edits.length > 0 ? { title: `Add ${flag}: true`, edits } : undefined,
        });
      } else {
        ctx.report(bad, `DynamoDB table ${r.id} leaves ${shown} unset, so point-in-time recovery is off.`);
      }
    }
  };
}

export default defineRule({
  id: 'CL-AWS-082',
  slug: 'dynamodb-pitr-disabled',
  title: 'DynamoDB table has point-in-time recovery disabled',
  severity: 'medium',
  fixable: true,
  description:
    'Point-in-time recovery keeps continuous backups of a DynamoDB table so it can be restored to any second of the recovery period (up to 35 days). It is off unless you turn it on; without it an accidental delete or overwrite is recoverable only from on-demand backups someone remembered to take.',
  remediation: 'Set PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled (point_in_time_recovery.enabled) to true.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'AWS runs the tables, replicates them across Availability Zones and always encrypts them at rest',
    customer: 'turning on continuous backups so that bad writes can be undone is your setting',
  },
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['CP-9'] },
    { framework: 'ISO/IEC 27001', version: '2022', controls: ['A.8.13'] },
    { framework: 'SOC 2', version: 'TSC 2017', controls: ['A1.2'] },
  ],
  equivalents: {
    checkov: ['CKV_AWS_28'],
    kics: ['0f04217d-488f-4e7a-bec8-f16159686cd6', '741f1291-47ac-4a85-a07b-3d32a9d6bd3e'],
  },
  docs: [
    'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Point-in-time-recovery.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-dynamodb-table-pointintimerecoveryspecification.html',
    'https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table#point_in_time_recovery',
  ],
  checks: {
    cloudformation: { types: ['AWS::DynamoDB::Table'], run: check('PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled', false) },
    terraform: { types: ['aws_dynamodb_table'], run: check('point_in_time_recovery', 'enabled', true) },
  },
});
