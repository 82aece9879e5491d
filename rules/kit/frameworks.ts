// The frameworks rules cite, each named and versioned once: `frameworks: [nist('AC-3', 'SC-7'), pci('1.4.4')]`.
// A new version of a framework is one edit here (and a review of the controls each rule cites).
// The names and versions come from the one list of known frameworks (rules/frameworks/index.ts).
import type { FrameworkRef } from '../../server/src/engine/rule';
import { frameworkById } from '../frameworks';

function framework(id: string): (...controls: string[]) => FrameworkRef {
  const { name, version } = frameworkById(id);
  return (...controls) => ({ framework: name, version, controls });
}

/** NIST SP 800-53 Rev. 5 controls (`AC-3`, `SC-7`). */
export const nist = framework('nist-800-53-r5');
/** ISO/IEC 27001:2022 Annex A controls (`A.8.2`). */
export const iso27001 = framework('iso-27001-2022');
/** PCI DSS 4.0 requirements (`1.4.4`). */
export const pci = framework('pci-dss-4.0');
/** SOC 2 trust services criteria, 2017 (`CC6.1`). */
export const soc2 = framework('soc2-tsc-2017');
/** CIS AWS Foundations Benchmark 3.0.0 recommendations (`2.3.3`). */
export const cisAws = framework('cis-aws-3.0.0');
/** CIS Kubernetes Benchmark 1.9 recommendations (`5.2.2`). */
export const cisK8s = framework('cis-k8s-1.9');
/** NSA/CISA Kubernetes Hardening Guidance 1.2 sections. */
export const nsaK8s = framework('nsa-k8s-1.2');

// Control sets that several rules cite alike (a rule citing more adds them: `[...AT_REST, pci('3.5.1')]`).

/** Data encrypted at rest. */
export const AT_REST: readonly FrameworkRef[] = [nist('SC-28'), iso27001('A.8.24')];
/** Data encrypted in transit. */
export const IN_TRANSIT: readonly FrameworkRef[] = [nist('SC-8'), pci('4.2.1')];
/** Data encrypted in transit, as the data-store rules cite it (with ISO/IEC 27001's use of cryptography). */
export const IN_TRANSIT_STORES: readonly FrameworkRef[] = [nist('SC-8'), pci('4.2.1'), iso27001('A.8.24')];
/** Current TLS versions and ciphers in transit. */
export const TLS_VERSIONS: readonly FrameworkRef[] = [nist('SC-8', 'SC-13'), pci('4.2.1')];
/** A data store without a public endpoint. */
export const NOT_PUBLIC: readonly FrameworkRef[] = [nist('AC-3', 'SC-7'), pci('1.4.4')];
/** Flaw remediation: supported, patched versions. */
export const PATCHING: readonly FrameworkRef[] = [nist('SI-2'), iso27001('A.8.8'), pci('6.3.3')];
/** Backups kept, and restorable. */
export const BACKUPS: readonly FrameworkRef[] = [nist('CP-9'), iso27001('A.8.13'), soc2('A1.2')];
/** Audit records of access. */
export const AUDIT_LOGGING: readonly FrameworkRef[] = [nist('AU-2', 'AU-12'), pci('10.2.1')];
/** No secrets written into code or configuration. */
export const NO_EMBEDDED_SECRETS: readonly FrameworkRef[] = [nist('IA-5(7)'), pci('8.6.2'), iso27001('A.5.17')];
/** Software and configuration integrity (pinned, verifiable images). */
export const IMAGE_INTEGRITY: readonly FrameworkRef[] = [nist('CM-2', 'SI-7')];

// Google Cloud.
/**
 * CIS Google Cloud Platform Foundation Benchmark 3.0.0 recommendations (`4.5`). Numbers checked against published
 * v3.0.0 control lists; a rule whose number could not be checked cites the benchmark without one (`cisGcp()`).
 */
export const cisGcp = framework('cis-gcp-3.0.0');

// Azure (rules/azure/).

/** CIS Microsoft Azure Foundations Benchmark 2.0.0 recommendations (`3.7`). */
export const cisAzure = framework('cis-azure-2.0.0');
