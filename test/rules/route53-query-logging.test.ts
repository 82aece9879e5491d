// CL-AWS-271 across the files of a Terraform module: a query log in another file of the zone's module counts, one in
// another directory (another module) does not.
import { strict as assert } from 'node:assert';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFiles } from '../../server/src/engine/lint';
import { parseFile } from '../../server/src/model/parse';
import { spanText } from '../helpers';

const ZONE = 'resource "aws_route53_zone" "main" {\n  name = "example.com"\n}\n';
const LOG = 'resource "aws_route53_query_log" "main" {\n  cloudwatch_log_group_arn = aws_cloudwatch_log_group.route53.arn\n  zone_id                  = aws_route53_zone.main.zone_id\n}\n';

function zoneFindings(files: [string, string][]): string[] {
  const [zone] = lintFiles(files.map(([name, text]) => parseFile(name, text)), defaultCatalogue());
  return zone.findings.filter((f) => f.rule.id === 'CL-AWS-271').map((f) => `${spanText(zone, f.span)} ${f.message.split(',')[0]}`);
}

describe('CL-AWS-271 route53-query-logging-disabled across files', () => {
  it('a query log in another file of the same module counts', () => {
    assert.deepEqual(zoneFindings([['m/dns.tf', ZONE], ['m/logging.tf', LOG]]), []);
  });

  it('a query log in another directory does not', () => {
    assert.deepEqual(zoneFindings([['m/dns.tf', ZONE], ['other/logging.tf', LOG]]), [
      '1:29-1:35 Public hosted zone aws_route53_zone.main has no aws_route53_query_log that refers to it through zone_id',
    ]);
  });
});
