// The CLI's scan on two threads (engine/scan.ts `worker`): the Terraform configurations go to a worker thread, the
// rest stays. Terraform reads a directory's `.tf`, `.tf.json` and variable files as one module, and local module calls
// join directories into groups (formats/terraform-hcl.ts), but no check reads a Terraform configuration together with
// a template, a manifest or a plan: the two halves lint apart as they lint together. What would tie them is found
// after the fact, and then the scan runs again on one thread (`joinable`).
import type { ScanPart } from './scan';
import { isPatch } from './lint';
import { terraformByName } from '../formats/terraform-hcl';

/** The walk indexes of the Terraform configurations by name, and of the rest. */
export function splitTerraform(files: readonly string[]): { readonly terraform: number[]; readonly rest: number[] } {
  const terraform: number[] = [];
  const rest: number[] = [];
  for (const [i, f] of files.entries()) (terraformByName(f) ? terraform : rest).push(i);
  return { terraform, rest };
}

/**
 * The worker's part, when it can be joined to this thread's: undefined when something ties the halves, that is
 * - a worker's file with a Kubernetes document (the NetworkPolicy check reads every manifest);
 * - a worker's file that a Kustomization of this thread names as a patch (it is not linted).
 */
export function joinable<P extends ScanPart & { readonly mixed: boolean }>(here: ScanPart, theirs: P): P | undefined {
  if (theirs.mixed) return undefined;
  for (const { result } of theirs.results) if (isPatch(result.file.uri, here.patches)) return undefined;
  return theirs;
}
