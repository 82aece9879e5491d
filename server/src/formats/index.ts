// Parsed file → resources of every document, whatever its format.
import type { ParsedFile } from '../model/parse';
import { cloudFormationResources } from './cloudformation';
import { kubernetesResources } from './kubernetes';
import type { FormatNotice, Resource } from './resource';
import { terraformJsonResources, terraformPlanResources, terraformResolver } from './terraform';
import { registryModuleResources } from './terraform-modules';
import { terraformHclResources } from './terraform-hcl';

export type { FormatNotice, Resource } from './resource';

/** All resources of a parsed file, in document order; what could not be read is added to `notices`. */
export function resourcesOf(file: ParsedFile, notices?: FormatNotice[]): Resource[] {
  const out: Resource[] = [];
  for (const doc of file.docs) {
    switch (doc.format) {
      case 'cloudformation':
        out.push(...cloudFormationResources(file, doc, notices));
        break;
      case 'kubernetes':
        out.push(...kubernetesResources(file, doc, notices));
        break;
      case 'terraform':
        // HCL reads its known registry modules itself (with its resolver); `*.tf.json` here.
        if (file.lang === 'hcl') out.push(...terraformHclResources(file, doc));
        else out.push(...terraformJsonResources(file, doc), ...registryModuleResources(file, doc, terraformResolver));
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
