// CL-AWS-053: an S3 bucket without versioning.
import { cfnGuideDoc, type CheckContext, defineRule, getPair, nist, type Resource, tfDoc } from '../../kit';
import { addProperty, addToMap, blockItems, bucketChecks, configsOf, tfBlock } from '../../lib/s3';

const CONSEQUENCE = 'so an overwritten or deleted object cannot be recovered';

function cloudformation(r: Resource, ctx: CheckContext) {
  const cfg = r.body.get('VersioningConfiguration');
  const missing = cfg.find((v) => v.isAbsent);
  if (missing) {
    if (cfg.alts.length === 1) {
      const edits = addProperty(r, ctx, { VersioningConfiguration: { Status: 'Enabled' } });
      ctx.report(r.anchor, `S3 bucket ${r.id} has no VersioningConfiguration, ${CONSEQUENCE}.`, {
        fix: edits && { title: 'Add VersioningConfiguration with Status Enabled', edits },
      });
    } else {
      ctx.report(missing, `S3 bucket ${r.id} has no VersioningConfiguration, ${CONSEQUENCE}.`);
    }
  }
  for (const c of cfg.each()) {
    if (!c.isMap) continue;
    const status = c.get('Status');
    const bad = status.find((s) => s.str() !== undefined && s.str() !== 'Enabled');
    if (bad) {
      const edits = ctx.edits.setValue(bad, 'Enabled');
      ctx.report(bad, `S3 bucket ${r.id} sets VersioningConfiguration.Status to ${bad.str()}, ${CONSEQUENCE}.`, {
        fix: edits && { title: 'Set Status to Enabled', edits },
      });
    }
  }
}

function terraform(r: Resource, ctx: CheckContext) {
  if (r.type === 'aws_s3_bucket_versioning') {
    for (const block of r.body.get('versioning_configuration').list()) {
      const bad = block.get('status').find((s) => s.str() !== undefined && s.str() !== 'Enabled');
      if (!bad) continue;
      const edits = ctx.edits.setValue(bad, 'Enabled');
      ctx.report(bad, `Versioning ${r.id} sets status to ${bad.str()}, ${CONSEQUENCE}.`, {
        fix: edits && { title: 'Set status to Enabled', edits },
      });
    }
    return;
  }
  // aws_s3_bucket: a separate aws_s3_bucket_versioning that refers to it is checked on its own.
  const { linked, possible } = configsOf(r, ctx, ['aws_s3_bucket_versioning']);
  if (linked.length > 0 || possible.length > 0) return;
  const inline = tfBlock(r, 'versioning');
  if (inline.isUnknown) return;
  const blocks = blockItems(inline);
  if (blocks.length === 0) {
    ctx.report(r.anchor, `S3 bucket ${r.id} has no versioning block and no aws_s3_bucket_versioning refers to it, ${CONSEQUENCE}.`);
    return;
  }
  for (const block of blocks) {
    const enabled = block.get('enabled');
    const off = enabled.find((e) => e.isFalse());
    if (off) {
      const edits = ctx.edits.setValue(off, true);
      ctx.report(off, `S3 bucket ${r.id} sets versioning.enabled to false, ${CONSEQUENCE}.`, {
        fix: edits && { title: 'Set enabled to true', edits },
      });
    } else if (enabled.isAbsent && block.node) {
      // `enabled` defaults to false: reported on the block's key, fixed by adding it.
      const key = r.format === 'terraform' ? getPair(r.node, 'versioning')?.key : undefined;
      const edits = block.node === block.at ? addToMap(ctx, block.node, { enabled: true }) : undefined;
      ctx.report(key ?? block, `S3 bucket ${r.id} has a versioning block without enabled, which defaults to false, ${CONSEQUENCE}.`, {
        fix: edits && { title: 'Add enabled = true', edits },
      });
    }
  }
}

export default defineRule({
  id: 'CL-AWS-053',
  slug: 's3-versioning-disabled',
  title: 'S3 bucket versioning is not enabled',
  severity: 'low',
  fixable: true,
  description:
    'Without versioning, an object that is overwritten or deleted, by mistake, by a faulty deployment or by ransomware with write access, is gone. Versioning keeps every version, so any of them can be restored (lifecycle rules can expire old versions to bound the cost).',
  remediation: 'Set VersioningConfiguration Status to Enabled (an aws_s3_bucket_versioning with status "Enabled"), and add a lifecycle rule for noncurrent versions.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'resilience',
    provider: 'AWS stores every object durably across devices and facilities',
    customer: 'protecting objects against being overwritten or deleted through your own access, by keeping versions, is yours',
  },
  frameworks: [nist('CP-9')],
  equivalents: {
    checkov: ['CKV_AWS_21'],
    kics: ['a227ec01-f97a-4084-91a4-47b350c1db54', '568a4d22-3517-44a6-a7ad-6a7eed88722c'],
    trivy: ['aws-s3-enable-versioning'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html',
    cfnGuideDoc('aws-properties-s3-bucket-versioningconfiguration'),
    tfDoc('s3_bucket_versioning'),
  ],
  checks: bucketChecks(cloudformation, terraform, ['aws_s3_bucket', 'aws_s3_bucket_versioning']),
});
