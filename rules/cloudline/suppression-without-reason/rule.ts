// CL-GEN-001: a Cloudline suppression that gives no reason. The engine reports it (see engine/suppress.ts);
// the rule carries the metadata, so it can be listed, configured and turned off like any other.
import { defineRule, nist } from '../../kit';

export default defineRule({
  id: 'CL-GEN-001',
  slug: 'suppression-without-reason',
  title: 'Suppression without a reason',
  severity: 'low',
  fixable: false,
  description:
    'A finding was suppressed without saying why. Accepting a customer-side risk is a decision someone must be able to explain later, to a reviewer or an auditor.',
  remediation: 'Write the reason after "--" in the comment or "//" key, as the annotation value, or in the Metadata entry\'s reason field.',
  responsibility: {
    owner: 'customer',
    model: 'Hybrid',
    layer: 'logging-and-monitoring',
    provider: 'the provider\'s controls do not change when you accept a finding',
    customer: 'accepting a risk on your side of the line is your decision, and the reason is part of the record',
  },
  frameworks: [nist('CA-7', 'PM-4')],
  equivalents: {},
  docs: ['https://docs.aws.amazon.com/wellarchitected/latest/security-pillar/welcome.html'],
  checks: {},
});
