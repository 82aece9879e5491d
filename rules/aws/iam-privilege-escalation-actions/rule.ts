// CL-AWS-012: IAM actions that let a principal raise its own (or anyone's) privileges, allowed on every resource.
import { defineRule, iso27001, nist, pci, soc2 } from '../../kit';
import { allowedActionChecks, escalationsOf, identityResponsibility, ON_EVERY_RESOURCE, quoteList } from '../../lib/iam-action-classes';

/** What an action on Resource "*" grants of the escalation actions: the action itself when it is one, else its pattern and them. */
function grants(action: string): string | undefined {
  const granted = escalationsOf(action);
  if (granted.length === 0) return undefined;
  const what = granted.length === 1 && granted[0].toLowerCase() === action.toLowerCase() ? granted[0] : `"${action}" (${quoteList(granted)})`;
  return `${what} ${ON_EVERY_RESOURCE}, which lets it give itself or others more privileges.`;
}

export default defineRule({
  id: 'CL-AWS-012',
  slug: 'iam-privilege-escalation-actions',
  title: 'IAM policy allows privilege-escalation actions on every resource',
  severity: 'high',
  fixable: false,
  description:
    'Actions such as iam:CreatePolicyVersion, iam:AttachRolePolicy, iam:PutUserPolicy, iam:CreateAccessKey or iam:UpdateAssumeRolePolicy on Resource "*" let the holder rewrite or attach policies, take over other users or roles, and so reach administrator access from a narrow starting point.',
  remediation: 'Grant these actions only on the specific users, roles or policies the principal manages, or move them to an administrator role.',
  responsibility: identityResponsibility('who may change identities and their permissions is yours to decide'),
  frameworks: [nist('AC-6'), iso27001('A.8.2'), soc2('CC6.3'), pci('7.2.2')],
  equivalents: {
    checkov: ['CKV_AWS_110', 'CKV_AWS_286'],
    kics: [
      '970ed7a2-0aca-4425-acf1-0453c9ecbca1',
      '70b42736-efee-4bce-80d5-50358ed94990',
      '3dd96caa-0b5f-4a85-b929-acfac4646cc2',
      'db78d14b-10e5-4e6e-84b1-dace6327b1ec',
      '846646e3-2af1-428c-ac5d-271eccfa6faf',
      '04c686f1-e0cd-4812-88e1-4e038410074c',
      'ec49cbfd-fae4-45f3-81b1-860526d66e3f',
      'e77c89f6-9c85-49ea-b95b-5f960fe5be92',
      'c0c1e744-0f37-445e-924a-1846f0839f69',
      '60263b4a-6801-4587-911d-919c37ed733b',
      '7782d4b3-e23e-432b-9742-d9528432e771',
      '78f1ec6f-5659-41ea-bd48-d0a142dce4f2',
      'ad296c0d-8131-4d6b-b030-1b0e73a99ad3',
      'b8a31292-509d-4b61-bc40-13b167db7e9c',
      'f906113d-cdc0-415a-ba60-609cc6daaf4d',
      'f465fff1-0a0f-457d-aa4d-1bddb6f204ff',
      '7c96920c-6fd0-449d-9a52-0aa431b6beaf',
      '5b4d4aee-ac94-4810-9611-833636e5916d',
      '9a205ba3-0dd1-42eb-8d54-2ffec836b51a',
      'ee49557d-750c-4cc1-aa95-94ab36cbefde',
      'd6047119-a0b2-4b59-a4f2-127a36fb685b',
      'eb64f1e9-f67d-4e35-8a3c-3d6a2f9efea7',
      '8f75840d-9ee7-42f3-b203-b40e3979eb12',
      '118281d0-6471-422e-a7c5-051bc667926e',
      '35ccf766-0e4d-41ed-9ec4-2dab155082b4',
      'bf9d42c7-c2f9-4dfe-942c-c8cc8249a081',
      '6d23d87e-1c5b-4308-b224-92624300f29b',
      'e227091e-2228-4b40-b046-fc13650d8e88',
      '70cb518c-d990-46f6-bc05-44a5041493d6',
      '113208f2-a886-4526-9ecc-f3218600e12c',
      '0fd7d920-4711-46bd-aff2-d307d82cd8b7',
      '1743f5f1-0bb0-4934-acef-c80baa5dadfa',
      '8bfbf7ab-d5e8-4100-8618-798956e101e0',
      'eeb4d37a-3c59-4789-a00c-1509bc3af1e5',
      '0c10d7da-85c4-4d62-b2a8-d6c104f1bd77',
      '43a41523-386a-4cb1-becb-42af6b414433',
      '6deb34e2-5d9c-499a-801b-ea6d9eda894f',
      'f1173d8c-3264-4148-9fdb-61181e031b51',
      '33627268-1445-4385-988a-318fd9d1a512',
    ],
    trivy: ['AVD-AWS-0347', 'AVD-AWS-0349', 'AVD-AWS-0351', 'AVD-AWS-0352'],
  },
  docs: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege',
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html',
  ],
  checks: allowedActionChecks((a) => (a.onEverything ? grants(a.action) : undefined)),
});
