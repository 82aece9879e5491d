// CL-AWS-276: an IAM Identity Center permission set whose sessions in AWS accounts last longer than one hour.
import { cfnDoc, defineRule, settingChecks, tfDoc, type Val } from '../../kit';

/** The longest session the rule accepts, in seconds: one hour, the service's default and its minimum. */
const MAX_SECONDS = 3600;

/**
 * An ISO 8601 duration as IAM Identity Center accepts it (`P[nY][nM][nW|nD][T[nH][nM][n[.n]S]]`, at least one part,
 * a `T` only before a time part): its length in seconds, with a date part counted as longer than any session (a
 * day is at least 23 hours, and the service allows at most 12). Undefined when the text is not such a duration
 * (a negative one, fractions other than of seconds, lower case, empty parts), so the value is left unjudged.
 */
export function durationSeconds(text: string): number | undefined {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)[WD])?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, wd, h, min, s] = m;
  const hasTime = text.includes('T');
  if (hasTime && h === undefined && min === undefined && s === undefined) return undefined; // `PT`, `P1DT`
  if (!hasTime && y === undefined && mo === undefined && wd === undefined) return undefined; // `P`
  const date = Number(y ?? 0) + Number(mo ?? 0) + Number(wd ?? 0);
  if (date > 0) return Number.POSITIVE_INFINITY;
  return Number(h ?? 0) * 3600 + Number(min ?? 0) * 60 + Number(s ?? 0);
}

/** Accepts a known duration of one hour or less; undefined (not reported) when the value is unknown or no duration. */
function withinAnHour(v: Val): boolean | undefined {
  const text = v.str();
  if (text === undefined) return undefined;
  const seconds = durationSeconds(text);
  return seconds === undefined ? undefined : seconds <= MAX_SECONDS;
}

export default defineRule({
  id: 'CL-AWS-276',
  slug: 'sso-permission-set-long-session',
  title: 'IAM Identity Center permission set allows sessions longer than one hour',
  severity: 'low',
  fixable: true,
  description:
    'The session duration of a permission set is how long the role credentials and console session a user gets in an AWS account stay valid. Longer sessions keep stolen credentials or an unattended console usable for longer, and a user removed from the permission set keeps access until the session ends. The default, PT1H, is also the shortest the service allows.',
  remediation: 'Set SessionDuration (session_duration) to PT1H, or leave it out.',
  responsibility: {
    owner: 'customer',
    model: 'SaaS',
    layer: 'identity-and-access',
    provider: 'AWS runs IAM Identity Center and ends the sessions it issues when their duration is over',
    customer: 'how long your users\' sessions in your accounts last is yours to set',
  },
  frameworks: [],
  equivalents: { kics: ['ce9dfce0-5fc8-433b-944a-3b16153111a8'] },
  docs: [
    'https://docs.aws.amazon.com/singlesignon/latest/userguide/howtosessionduration.html',
    'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PermissionSet.html',
    cfnDoc('aws-resource-sso-permissionset', 'cfn-sso-permissionset-sessionduration'),
    tfDoc('ssoadmin_permission_set', 'session_duration'),
  ],
  checks: settingChecks({
    subject: 'Permission set',
    consequence: 'so the sessions it gives in AWS accounts stay valid for more than one hour',
    want: 'PT1H',
    ok: withinAnHour,
    absentMeans: 'PT1H',
    formats: {
      cloudformation: { types: ['AWS::SSO::PermissionSet'], path: ['SessionDuration'] },
      terraform: { types: ['aws_ssoadmin_permission_set'], path: ['session_duration'] },
    },
  }),
});
