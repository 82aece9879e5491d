// The rule catalogue and the services' responsibility data, indexed for lookups by format and type.
import type { Format } from '../model/parse';
import type { CheckFormat, Rule, ServiceModel } from './rule';

/** One service's side of the shared-responsibility line (from `rules/responsibility/`). */
export interface ServiceInfo {
  readonly service: string;
  readonly provider: 'AWS' | 'Kubernetes' | 'Azure' | 'Google Cloud';
  readonly model: ServiceModel;
  /** What the cloud provider (or the managed control plane) secures for this service. */
  readonly providerSide: string;
  /** What is left to the customer. */
  readonly customerSide: string;
  readonly types: { readonly cloudformation?: readonly string[]; readonly terraform?: readonly string[]; readonly kubernetes?: readonly string[] };
  readonly docs?: readonly string[];
}

/** The check format that handles a file format (plans are checked by the Terraform check). */
export function checkFormatOf(format: Format): CheckFormat {
  return format === 'terraform-plan' ? 'terraform' : format;
}

export class Catalogue {
  private readonly byType = new Map<string, Rule[]>();
  private readonly services = new Map<string, ServiceInfo>();
  private readonly byKey = new Map<string, Rule>();

  constructor(
    readonly rules: readonly Rule[],
    serviceData: readonly ServiceInfo[],
  ) {
    for (const rule of rules) {
      this.byKey.set(rule.id, rule);
      this.byKey.set(rule.slug, rule);
      for (const [format, check] of Object.entries(rule.checks)) {
        for (const type of check?.types ?? []) {
          const key = `${format}\u0000${type}`;
          const list = this.byType.get(key) ?? [];
          list.push(rule);
          this.byType.set(key, list);
        }
      }
    }
    for (const info of serviceData) {
      for (const [format, types] of Object.entries(info.types)) {
        for (const type of types ?? []) this.services.set(`${format}\u0000${type}`, info);
      }
    }
  }

  /** Rules with a check for this resource type. */
  rulesFor(format: Format, type: string): readonly Rule[] {
    return this.byType.get(`${checkFormatOf(format)}\u0000${type}`) ?? [];
  }

  /** Responsibility data for a resource type, if known. */
  service(format: Format, type: string): ServiceInfo | undefined {
    return this.services.get(`${checkFormatOf(format)}\u0000${type.replace(/^data\./, '')}`);
  }

  /** A rule by ID or slug. */
  rule(idOrSlug: string): Rule | undefined {
    return this.byKey.get(idOrSlug);
  }

  /** This catalogue with more rules (a workspace's custom rules), on the same service data; itself when there are none. */
  withRules(extra: readonly Rule[]): Catalogue {
    return extra.length ? new Catalogue([...this.rules, ...extra], this.serviceData) : this;
  }

  get serviceData(): ServiceInfo[] {
    return [...new Set(this.services.values())];
  }
}
