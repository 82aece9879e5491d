// CL-AWS-101: an ECR repository whose images are not scanned for vulnerabilities when pushed.
import { cfnGuideDoc, type CheckContext, defineRule, iso27001, nist, ofType, pci, type Resource, settingChecks, type Val, wildcardMatch } from '../../kit';

interface RegistryKeys {
  readonly type: string;
  readonly rules: string;
  readonly frequency: string;
  readonly filters: string;
  readonly filter: string;
}

const SCANNING_FREQUENCIES = new Set(['SCAN_ON_PUSH', 'CONTINUOUS_SCAN']);

/**
 * A registry scanning configuration in the same file that scans this repository on push (or continuously) makes
 * the repository-level setting moot. Unknown rules, frequencies, filters or repository names count as covering
 * it: we never report on values we cannot see.
 */
function registryScans(r: Resource, ctx: CheckContext, keys: RegistryKeys, repoName: Val, terraform: boolean): boolean {
  const name = repoName.str();
  for (const reg of ofType(ctx, keys.type)) {
    const rules = reg.body.get(keys.rules);
    if (rules.isUnknown) return true;
    for (const rule of terraform ? rules.list() : rules.items()) {
      if (rule.isUnknown) return true;
      const freq = rule.get(keys.frequency);
      if (freq.isUnknown) return true;
      if (!SCANNING_FREQUENCIES.has((freq.str() ?? '').toUpperCase())) continue;
      const filters = rule.get(keys.filters);
      if (filters.isUnknown) return true;
      for (const f of terraform ? filters.list() : filters.items()) {
        const value = f.get(keys.filter);
        if (value.isUnknown) return true;
        const pattern = value.str();
        if (pattern === undefined) continue;
        if (name === undefined) return true; // generated or unknown repository name: cannot tell, so assume covered
        if (wildcardMatch(pattern, name)) return true;
      }
    }
  }
  return false;
}

const CFN_REGISTRY: RegistryKeys = { type: 'AWS::ECR::RegistryScanningConfiguration', rules: 'Rules', frequency: 'ScanFrequency', filters: 'RepositoryFilters', filter: 'Filter' };
const TF_REGISTRY: RegistryKeys = { type: 'aws_ecr_registry_scanning_configuration', rules: 'rule', frequency: 'scan_frequency', filters: 'repository_filter', filter: 'filter' };

export default defineRule({
  id: 'CL-AWS-101',
  slug: 'ecr-scan-on-push-disabled',
  title: 'ECR repository does not scan images on push',
  severity: 'medium',
  fixable: true,
  description:
    'Scan on push runs a vulnerability scan of each image when it is pushed, so known CVEs in the operating system packages show up before the image is deployed. It is off by default for a repository; registry-level scanning rules (basic or Amazon Inspector enhanced scanning) are the alternative.',
  remediation: 'Set ImageScanningConfiguration.ScanOnPush (image_scanning_configuration.scan_on_push) to true, or configure registry-level scanning with a rule that covers the repository.',
  responsibility: {
    owner: 'customer',
    model: 'PaaS',
    layer: 'patching-and-versions',
    provider: 'AWS runs the registry and the scanning engines (basic scanning and Amazon Inspector)',
    customer: 'turning scanning on and acting on its findings is yours',
  },
  frameworks: [nist('RA-5'), iso27001('A.8.8'), pci('6.3.1')],
  equivalents: {
    checkov: ['CKV_AWS_163'],
    kics: ['9025b2b3-e554-4842-ba87-db7aeec36d35', '9630336b-3fed-4096-8173-b9afdfe346a7'],
    trivy: ['aws-ecr-enable-image-scans'],
    cfnNag: ['W79'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html',
    cfnGuideDoc('aws-properties-ecr-repository-imagescanningconfiguration'),
    cfnGuideDoc('aws-resource-ecr-registryscanningconfiguration'),
  ],
  checks: settingChecks({
    subject: 'ECR repository',
    consequence: 'so images are not scanned for vulnerabilities on push',
    want: true,
    absentMeans: false,
    formats: {
      cloudformation: {
        types: ['AWS::ECR::Repository'],
        path: ['ImageScanningConfiguration', 'ScanOnPush'],
        appliesTo: (r, ctx) => !registryScans(r, ctx, CFN_REGISTRY, r.body.get('RepositoryName'), false),
      },
      terraform: {
        types: ['aws_ecr_repository'],
        path: ['image_scanning_configuration', 'scan_on_push'],
        appliesTo: (r, ctx) => !registryScans(r, ctx, TF_REGISTRY, r.body.get('name'), true),
      },
    },
  }),
});
