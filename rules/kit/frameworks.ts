// The frameworks rules cite, each named and versioned once: `frameworks: [nist('AC-3', 'SC-7'), pci('1.4.4')]`.
// A new version of a framework is one edit here (and a review of the controls each rule cites).
import type { FrameworkRef } from '../../server/src/engine/rule';

function framework(name: string, version: string): (...controls: string[]) => FrameworkRef {
  return (...controls) => ({ framework: name, version, controls });
}

/** NIST SP 800-53 Rev. 5 controls (`AC-3`, `SC-7`). */
export const nist = framework('NIST SP 800-53', 'Rev. 5');
/** ISO/IEC 27001:2022 Annex A controls (`A.8.2`). */
export const iso27001 = framework('ISO/IEC 27001', '2022');
/** PCI DSS 4.0 requirements (`1.4.4`). */
export const pci = framework('PCI DSS', '4.0');
/** SOC 2 trust services criteria, 2017 (`CC6.1`). */
export const soc2 = framework('SOC 2', '2017');
/** CIS AWS Foundations Benchmark 3.0.0 recommendations (`2.3.3`). */
export const cisAws = framework('CIS AWS Foundations Benchmark', '3.0.0');
/** CIS Kubernetes Benchmark 1.9 recommendations (`5.2.2`). */
export const cisK8s = framework('CIS Kubernetes Benchmark', '1.9');
/** NSA/CISA Kubernetes Hardening Guidance 1.2 sections. */
export const nsaK8s = framework('NSA/CISA Kubernetes Hardening Guidance', '1.2');
