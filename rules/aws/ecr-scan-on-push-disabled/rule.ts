// CL-AWS-101: an ECR repository whose images are not scanned for vulnerabilities when pushed.
import { defineRule } from '../../../server/src/engine/rule';
import type { CheckContext } from '../../../server/src/engine/rule';
import type { Resource } from '../../../server/src/formats/resource';
import type { Val } from '../../../server/src/formats/value';
import type { MapNode } from '../../../server/src/model/tree';
import { ofType } from '../../lib/scope';

const asMap = (v: Val | undefined): MapNode | undefined => (v?.node?.kind === 'map' ? (v.node as MapNode) : undefined);

interface RegistryKeys {
  readonly type: string;
  readonly rules: string;
  readonly frequency: string;
  readonly filters: string;
  readonly filter: string;
}

const SCANNING_FREQUENCIES = new Set(['SCAN_ON_PUSH', 'CONTINUOUS_SCAN']);

export function wildcardMatches(filter: string, name: string): boolean {
  // Greedy two-pointer matching with backtracking to the last "*" only: O(filter × name) at worst, never
  // exponential (a regex of ".*" groups is exponential in the number of stars on a failing match).
  let f = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (f < filter.length && filter[f] !== '*' && filter[f] === name[n]) {
      f++;
      n++;
    } else if (f < filter.length && filter[f] === '*') {
      star = f++;
      mark = n;
    } else if (star >= 0) {
      f = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (f < filter.length && filter[f] === '*') f++;
  return f === filter.length;
}

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
        if (wildcardMatches(pattern, name)) return true;
      }
    }
  }
  return false;
}

interface Keys {
  readonly block: string;
  readonly flag: string;
  readonly name: string;
  readonly registry: RegistryKeys;
}

function check(keys: Keys, terraform: boolean) {
  const shown = `${keys.block}.${keys.flag}`;
  return (r: Resource, ctx: CheckContext) => {
    const block = r.body.get(keys.block);
    if (block.isUnknown) return;
    type Finding = { at: Val | Resource['anchor']; message: string; edits?: ReturnType<CheckContext['edits']['addPair']> };
    const findings: Finding[] = [];
    if (block.isAbsent) {
      const body = asMap(r.body);
      findings.push({
        at: r.anchor,
        message: `ECR repository ${r.id} does not configure ${keys.block}, so images are not scanned for vulnerabilities on push.`,
        edits: body ? ctx.edits.addPair(body, keys.block, { [keys.flag]: true }) : undefined,
      });
    } else {
      for (const b of terraform ? block.list() : block.each()) {
        if (b.isAbsent) {
          findings.push({ at: b, message: `ECR repository ${r.id} leaves ${keys.block} unset, so images are not scanned for vulnerabilities on push.` });
          continue;
        }
        if (b.isUnknown || !b.isMap) continue;
        const v = b.get(keys.flag);
        const bad = v.find((x) => x.isFalse() || x.isAbsent);
        if (!bad) continue;
        if (bad.isFalse()) {
          findings.push({ at: bad, message: `ECR repository ${r.id} sets ${shown} to false, so images are not scanned for vulnerabilities on push.`, edits: ctx.edits.setValue(bad, true) });
        } else if (v.isAbsent) {
          const map = asMap(b);
          findings.push({
            at: r.anchor,
            message: `ECR repository ${r.id} does not set ${shown}, which defaults to false, so images are not scanned for vulnerabilities on push.`,
            edits: map && b.when.length === 0 ? ctx.edits.addPair(map, keys.flag, true) : undefined,
          });
        } else {
          findings.push({ at: bad, message: `ECR repository ${r.id} leaves ${shown} unset, so images are not scanned for vulnerabilities on push.` });
        }
      }
    }
    if (findings.length === 0 || registryScans(r, ctx, keys.registry, r.body.get(keys.name), terraform)) return;
    for (const f of findings) {
      ctx.report(f.at, f.message, { fix: f.edits && f.edits.length > 0 ? { title: `Set ${shown} to true`, edits: f.edits } : undefined });
    }
  };
}

export default defineRule({
  id: 'CL-AWS-101',
  slug: 'ecr-scan-on-push-disabled',
  title: 'ECR repository does not scan images on push',
  severity: 'medium',
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
  frameworks: [
    { framework: 'NIST SP 800-53', version: 'Rev. 5', controls: ['RA-5'] },
    { framework: 'ISO/IEC 27001', version: '2022', controls: ['A.8.8'] },
  ],
  equivalents: {
    checkov: ['CKV_AWS_163'],
    kics: ['9025b2b3-e554-4842-ba87-db7aeec36d35'],
  },
  docs: [
    'https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-ecr-repository-imagescanningconfiguration.html',
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ecr-registryscanningconfiguration.html',
  ],
  checks: {
    cloudformation: {
      types: ['AWS::ECR::Repository'],
      run: check(
        {
          block: 'ImageScanningConfiguration',
          flag: 'ScanOnPush',
          name: 'RepositoryName',
          registry: { type: 'AWS::ECR::RegistryScanningConfiguration', rules: 'Rules', frequency: 'ScanFrequency', filters: 'RepositoryFilters', filter: 'Filter' },
        },
        false,
      ),
    },
    terraform: {
      types: ['aws_ecr_repository'],
      run: check(
        {
          block: 'image_scanning_configuration',
          flag: 'scan_on_push',
          name: 'name',
          registry: { type: 'aws_ecr_registry_scanning_configuration', rules: 'rule', frequency: 'scan_frequency', filters: 'repository_filter', filter: 'filter' },
        },
        true,
      ),
    },
  },
});
