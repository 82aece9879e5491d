// Parsed file → resources of every document, whatever its format.
import type { ParsedFile } from '../model/parse';
import { cloudFormationResources } from './cloudformation';
import { kubernetesResources } from './kubernetes';
import type { Resource } from './resource';
import { terraformJsonResources, terraformPlanResources } from './terraform';
import { terraformHclResources } from './terraform-hcl';

export type { Resource } from './resource';

/** All resources of a parsed file, in document order. */
export function resourcesOf(file: ParsedFile): Resource[] {
  const out: Resource[] = [];
  for (const doc of file.docs) {
    switch (doc.format) {
      case 'cloudformation':
        out.push(...cloudFormationResources(file, doc));
        break;
      case 'kubernetes':
        out.push(...kubernetesResources(file, doc));
        break;
      case 'terraform':
        out.push(...(file.lang === 'hcl' ? terraformHclResources(file, doc) : terraformJsonResources(file, doc)));
        break;
      case 'terraform-plan':
        out.push(...terraformPlanResources(file, doc));
        break;
      default:
        break;
    }
  }
  return out;
}
