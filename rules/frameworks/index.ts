// The frameworks rules may cite: each named and versioned once, with its short ID, title and public source. The kit's
// citing helpers (rules/kit/frameworks.ts) are built from this list, and each framework's controls are bundled as
// data in rules/frameworks/<id>.yaml (control IDs and short titles only; generated into rules/index.ts).

/** A framework Cloudline knows: what a rule's `FrameworkRef` names, and where its control list comes from. */
export interface FrameworkInfo {
  /** Short, stable ID, also the name of its control list: `nist-800-53-r5`, `cis-aws-3.0.0`. */
  readonly id: string;
  /** The name rules cite (`FrameworkRef.framework`), spelled exactly so. */
  readonly name: string;
  /** The version rules cite (`FrameworkRef.version`), spelled exactly so. */
  readonly version: string;
  /** The full title of the publication. */
  readonly title: string;
  /** The publisher's page for it. */
  readonly source: string;
}

/** Every framework a rule may cite, in the order reports list them. */
export const FRAMEWORKS: readonly FrameworkInfo[] = [
  {
    id: 'cis-aws-3.0.0',
    name: 'CIS AWS Foundations Benchmark',
    version: '3.0.0',
    title: 'CIS Amazon Web Services Foundations Benchmark v3.0.0',
    source: 'https://www.cisecurity.org/benchmark/amazon_web_services',
  },
  {
    id: 'cis-k8s-1.9',
    name: 'CIS Kubernetes Benchmark',
    version: '1.9',
    title: 'CIS Kubernetes Benchmark v1.9.0',
    source: 'https://www.cisecurity.org/benchmark/kubernetes',
  },
  {
    id: 'iso-27001-2022',
    name: 'ISO/IEC 27001',
    version: '2022',
    title: 'ISO/IEC 27001:2022 Information security management systems, Annex A',
    source: 'https://www.iso.org/standard/27001',
  },
  {
    id: 'soc2-tsc-2017',
    name: 'SOC 2',
    version: '2017',
    title: 'AICPA 2017 Trust Services Criteria for Security, Availability, Processing Integrity, Confidentiality, and Privacy',
    source: 'https://www.aicpa-cima.com/resources/download/2017-trust-services-criteria-with-revised-points-of-focus-2022',
  },
  {
    id: 'nist-800-53-r5',
    name: 'NIST SP 800-53',
    version: 'Rev. 5',
    title: 'NIST SP 800-53 Rev. 5, Security and Privacy Controls for Information Systems and Organizations',
    source: 'https://csrc.nist.gov/pubs/sp/800/53/r5/upd1/final',
  },
  {
    id: 'pci-dss-4.0',
    name: 'PCI DSS',
    version: '4.0',
    title: 'Payment Card Industry Data Security Standard v4.0',
    source: 'https://www.pcisecuritystandards.org/document_library/',
  },
  {
    id: 'cis-azure-2.0.0',
    name: 'CIS Microsoft Azure Foundations Benchmark',
    version: '2.0.0',
    title: 'CIS Microsoft Azure Foundations Benchmark v2.0.0',
    source: 'https://www.cisecurity.org/benchmark/azure',
  },
  {
    id: 'cis-gcp-3.0.0',
    name: 'CIS Google Cloud Platform Foundation Benchmark',
    version: '3.0.0',
    title: 'CIS Google Cloud Platform Foundation Benchmark v3.0.0',
    source: 'https://www.cisecurity.org/benchmark/google_cloud_computing_platform',
  },
  {
    id: 'nsa-k8s-1.2',
    name: 'NSA/CISA Kubernetes Hardening Guidance',
    version: '1.2',
    title: 'NSA/CISA Kubernetes Hardening Guidance, version 1.2 (August 2022)',
    source: 'https://media.defense.gov/2022/Aug/29/2003066362/-1/-1/0/CTR_KUBERNETES_HARDENING_GUIDANCE_1.2_20220829.PDF',
  },
];

/** The framework with this short ID; throws on an unknown one (a typo in the kit must not pass silently). */
export function frameworkById(id: string): FrameworkInfo {
  const found = FRAMEWORKS.find((f) => f.id === id);
  if (!found) throw new Error(`unknown framework ${id}`);
  return found;
}

/** Names a `--framework` value accepts: the short ID, the name with its version, or the name alone when it is unique. */
export function frameworkByName(value: string): FrameworkInfo | undefined {
  const wanted = value.trim().toLowerCase().replace(/\s+/g, ' ');
  const byId = FRAMEWORKS.find((f) => f.id === wanted || `${f.name} ${f.version}`.toLowerCase() === wanted || f.title.toLowerCase() === wanted);
  if (byId) return byId;
  const byName = FRAMEWORKS.filter((f) => f.name.toLowerCase() === wanted);
  return byName.length === 1 ? byName[0] : undefined;
}

/** The framework a rule's reference names (exact name and version), if it is a known one. */
export function frameworkOf(ref: { readonly framework: string; readonly version: string }): FrameworkInfo | undefined {
  return FRAMEWORKS.find((f) => f.name === ref.framework && f.version === ref.version);
}

/**
 * What a framework's control is, for Cloudline: `checked` (some rule cites it), or for a control no rule checks,
 * `not-checkable` (a process: training, incident response, reviews), `provider` (the cloud provider's side:
 * physical security, the hypervisor) or `not-covered` (checkable from IaC, no rule yet).
 */
export type ControlClass = 'checked' | 'not-checkable' | 'provider' | 'not-covered';

/** One control of a bundled list, as rules/frameworks/<id>.yaml writes it. */
export interface ControlEntry {
  readonly id: string;
  /** A short title, never the control's text. */
  readonly title: string;
  /** For a control no rule cites: why (absent on a control rules cite). */
  readonly class?: Exclude<ControlClass, 'checked'>;
}

/** A framework's bundled control list. */
export interface ControlList {
  /** The framework's short ID (`FrameworkInfo.id`). */
  readonly framework: string;
  /** Where the IDs and titles were taken from. */
  readonly source: string;
  /** False when the list could not be verified complete against a public source (the header says what is missing). */
  readonly complete: boolean;
  readonly controls: readonly ControlEntry[];
}
