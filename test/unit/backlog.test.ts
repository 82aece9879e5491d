// The remediation backlog (server/src/report/backlog.ts) on the report fixture (test/cli/fixtures/report): standing
// findings ordered by severity, then exposure (network, identity, data store, other), then blast radius, with a
// network finding ranked with the finding it makes reachable (a public database behind an open security group, an
// instance's public IP in front of an open SSH port); each row says why, who owns it, where, and whether it has a fix.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import type { LintResult } from '../../server/src/engine/lint';
import { scan } from '../../server/src/engine/scan';
import { buildBacklog, type BacklogRow } from '../../server/src/report/backlog';

const FIXTURE = join(__dirname, '..', 'cli', 'fixtures', 'report');
const RULES = ['CL-AWS-003', 'CL-AWS-004', 'CL-AWS-005', 'CL-AWS-030', 'CL-AWS-034', 'CL-AWS-054', 'CL-AWS-055', 'CL-AWS-080', 'CL-K8S-001'];

describe('remediation backlog', function () {
  this.timeout(60000);
  const catalogue = defaultCatalogue();
  let results: LintResult[];
  let rows: BacklogRow[];

  before(async () => {
    const rules: Record<string, 'off'> = {};
    for (const r of catalogue.rules) if (!RULES.includes(r.id)) rules[r.id] = 'off';
    const outcome = await scan([FIXTURE], catalogue, { rules }, { base: FIXTURE, name: (p) => p.slice(FIXTURE.length + 1) });
    results = outcome.results;
    rows = buildBacklog(results, catalogue).map((e) => e.row);
  });

  it('orders by severity, exposure and blast radius, with linked network findings ranked with what they expose', () => {
    assert.deepEqual(
      rows.map((r) => `${r.rank} ${r.severity} ${r.exposure} ${r.ruleId} ${r.file}:${r.line} ${r.resource.id}${r.ranksWith ? ` with ${r.ranksWith.ruleId}` : ''}`),
      [
        // The open security group and the public database behind it: equal risk, the group with the wider blast radius
        // (the database's three findings) leads, the database ranks with it.
        '1 high network CL-AWS-030 stack.yaml:11 AppSg',
        '2 high network CL-AWS-004 stack.yaml:16 OrdersDb with CL-AWS-030',
        // The open SSH port, and the low-severity public IP of the instance behind it raised to its rank.
        '3 high network CL-AWS-005 main.tf:7 aws_security_group.admin',
        '4 low network CL-AWS-034 main.tf:14 aws_instance.bastion with CL-AWS-005',
        '5 high identity CL-AWS-003 main.tf:20 aws_iam_policy.admin',
        '6 high data CL-AWS-055 stack.yaml:17 OrdersDb',
        '7 high other CL-K8S-001 workloads.yaml:17 Deployment/shop/web',
        // Equal risk: the database linked to an open group (blast radius 1) before the lone volume; then by place.
        '8 medium data CL-AWS-080 stack.yaml:12 OrdersDb',
        '9 medium data CL-AWS-054 main.tf:26 aws_ebs_volume.data',
        '10 medium data CL-AWS-080 stack.yaml:19 ReportsDb',
      ],
    );
  });

  it('says why each row is where it is, who owns it, where to change it and whether a quick-fix exists', () => {
    const [sg, db, ssh, ip] = rows;
    assert.equal(sg.why, 'High severity; network exposure: it decides what is reachable, from the internet or the network; 3 other findings on resources linked to it.');
    assert.equal(sg.blastRadius, 3);
    assert.equal(
      db.why,
      'Ranks with CL-AWS-030 on AppSg (high, stack.yaml:11): both are on the same network path (high, network exposure), so closing either closes it; 1 other finding on a resource linked to it.',
    );
    assert.equal(
      ip.why,
      'Ranks with CL-AWS-005 on aws_security_group.admin (high, main.tf:7): this low network finding is linked to that resource and makes it reachable, so it is raised to its rank; 1 other finding on a resource linked to it.',
    );
    assert.deepEqual(ip.ranksWith, { ruleId: 'CL-AWS-005', file: 'main.tf', line: 7, resource: 'aws_security_group.admin', severity: 'high' });
    assert.equal(ssh.ranksWith, undefined);
    assert.deepEqual(
      { owner: db.owner, ownerText: db.ownerText, file: db.file, line: db.line, column: db.column, fixable: db.fixable, service: db.service, layer: db.layer },
      {
        owner: 'customer',
        ownerText: 'whether the instance is reachable from the internet is your decision',
        file: 'stack.yaml',
        line: 16,
        column: 27,
        fixable: true,
        service: 'Amazon RDS',
        layer: 'network',
      },
    );
    assert.equal(sg.fixable, false);
    assert.equal(rows[4].why, 'High severity; identity and access: it decides who (or which credentials) may act.');
    assert.equal(rows[6].why, 'High severity; no direct exposure (not network, identity or a data store).');
  });

  it('leaves suppressed findings out, and is the same whatever order the files come in', () => {
    assert.ok(!rows.some((r) => r.ruleId === 'CL-AWS-004' && r.resource.id === 'ReportsDb'));
    assert.equal(results.flatMap((r) => r.suppressed).length, 1);
    const again = buildBacklog([...results].reverse(), catalogue).map((e) => e.row);
    assert.deepEqual(again, rows);
  });
});
