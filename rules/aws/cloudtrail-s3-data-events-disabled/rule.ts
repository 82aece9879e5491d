// CL-AWS-196: no CloudTrail trail of the file logs S3 object-level (data) events.
import { cfnGuideDoc, type CheckContext, cisAws, defineRule, nist, pci, type Resource, tfDoc } from '../../kit';
import { s3DataEvents, TRAIL_KEYS } from '../../lib/logging';

const TYPES = { cloudformation: 'AWS::CloudTrail::Trail', terraform: 'aws_cloudtrail' } as const;

function check(format: 'cloudformation' | 'terraform') {
  const keys = TRAIL_KEYS[format];
  return (r: Resource, ctx: CheckContext): void => {
    if (s3DataEvents(r, keys) !== 'no') return;
    // One trail of the file that logs them (or may) is enough: data events are often a trail of their own.
    const covered = ctx.shared(`logging.s3DataEvents.${format}`, (all) => all.some((t) => t.type === TYPES[format] && s3DataEvents(t, keys) !== 'no'));
    if (covered) return;
    const what = format === 'cloudformation' ? 'EventSelectors or AdvancedEventSelectors' : 'event_selector or advanced_event_selector';
    ctx.report(
      r.anchor,
      `Trail ${r.id} logs no S3 object-level data events (${what} for AWS::S3::Object), and no other trail of the file does, so reads and writes of objects are not recorded.`,
    );
  };
}

export default defineRule({
  id: 'CL-AWS-196',
  slug: 'cloudtrail-s3-data-events-disabled',
  title: 'No CloudTrail trail logs S3 object-level events',
  severity: 'low',
  fixable: false,
  description:
    'CloudTrail records S3 object reads and writes (GetObject, PutObject, DeleteObject) only as data events, which a trail logs only when an event selector asks for AWS::S3::Object. Without them, who read or deleted which object cannot be answered.',
  remediation: 'Add an event selector (or advanced event selector) for AWS::S3::Object data events, read and write, to a trail.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'logging-and-monitoring',
    provider: 'AWS records the data events a trail selects and delivers them',
    customer: 'selecting S3 data events, for the buckets that matter, and paying for and reviewing them are yours',
  },
  frameworks: [cisAws('3.8', '3.9'), nist('AU-2', 'AU-12'), pci('10.2.1', '10.2.1.1')],
  equivalents: {},
  docs: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html',
    cfnGuideDoc('aws-properties-cloudtrail-trail-eventselector'),
    tfDoc('cloudtrail', 'event_selector'),
  ],
  checks: {
    cloudformation: { reads: 'scope', types: [TYPES.cloudformation], run: check('cloudformation') },
    terraform: { reads: 'scope', types: [TYPES.terraform], run: check('terraform') },
  },
});
