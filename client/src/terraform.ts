// Living beside HashiCorp's Terraform extension: it contributes the same `terraform` languages, and its language
// server (terraform-ls) reports HCL syntax errors and repeated arguments itself.

/** HashiCorp's Terraform extension's ID. */
export const HASHICORP_TERRAFORM = 'hashicorp.terraform';

/**
 * The diagnostics to show for a file: with HashiCorp's extension installed, a Terraform file's syntax errors and
 * repeated arguments are theirs to report (ours would say the same twice). Findings, and why Cloudline did not lint
 * a file (a limit, the parser not loading), stay.
 */
export function withoutDuplicateHclDiagnostics<D extends { code?: unknown; message: string }>(path: string, diagnostics: D[], hashicorpInstalled: boolean): D[] {
  if (!hashicorpInstalled || !/\.(tf|tfvars)$/i.test(path)) return diagnostics;
  return diagnostics.filter((d) => !(d.code === 'syntax-error' && /^(Syntax error|Duplicate argument)/.test(d.message)));
}
