// CL-AWS-011: iam:PassRole allowed on every role.
import { defineRule } from '../../kit';
import { allowedActionChecks, globMatch, identityResponsibility, LEAST_PRIVILEGE, narrowerThanService, ON_EVERY_RESOURCE } from '../../lib/iam';

/**
 * True for an action that names PassRole explicitly or by a pattern narrower than the whole service
 * (`iam:PassRole`, `iam:Pass*`, `iam:P*`); `*` and `iam:*` are CL-AWS-003 and CL-AWS-010.
 */
export function grantsPassRole(action: string): boolean {
  return narrowerThanService(action) && globMatch(action, 'iam:PassRole');
}

export default defineRule({
  id: 'CL-AWS-011',
  slug: 'iam-passrole-wildcard',
  title: 'IAM policy allows iam:PassRole on every role',
  severity: 'high',
  fixable: false,
  description:
    'iam:PassRole on Resource "*" lets the holder attach any role of the account, including administrator roles, to an EC2 instance, Lambda function, ECS task or CloudFormation stack it creates, and then act with that role\'s permissions.',
  remediation: 'Limit iam:PassRole to the ARNs of the roles the principal must pass, and add an iam:PassedToService condition.',
  responsibility: identityResponsibility('which roles each principal may pass is yours to decide', 'AWS runs IAM and checks iam:PassRole whenever a role is handed to a service'),
  frameworks: LEAST_PRIVILEGE,
  equivalents: {
    kics: [
      'e39bee8c-fe54-4a3f-824d-e5e2d1cca40a',
      '9b0ffadc-a61f-4c2a-b1e6-68fab60f6267',
      '15e6ad8c-f420-49a6-bafb-074f5eb1ec74',
      '7d544dad-8a6c-431c-84c1-5f07fe9afc0e',
      '034d0aee-620f-4bf7-b7fb-efdf661fdb9e',
      'be2aa235-bd93-4b68-978a-1cc65d49082f',
      '30b88745-eebe-4ecb-a3a9-5cf886e96204',
      '0a592060-8166-49f5-8e65-99ac6dce9871',
      'fa62ac4f-f5b9-45b9-97c1-625c8b6253ca',
      '19ffbe31-9d72-4379-9768-431195eae328',
      '89561b03-cb35-44a9-a7e9-8356e71606f4',
      '94fbe150-27e3-4eba-9ca6-af32865e4503',
      '8055dec2-efb8-4fe6-8837-d9bed6ff202a',
    ],
    cfnNag: ['F38', 'F39', 'F40'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html',
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#ck_PassedToService',
  ],
  checks: allowedActionChecks((a) =>
    a.onEverything && grantsPassRole(a.action)
      ? `${a.action === 'iam:PassRole' ? 'iam:PassRole' : `"${a.action}" (iam:PassRole)`} ${ON_EVERY_RESOURCE}, so it can hand any role in the account to a service it controls.`
      : undefined,
  ),
});
