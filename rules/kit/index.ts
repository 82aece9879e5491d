// The rule-authoring kit: the one import a rule needs (rules/README.md). Domain knowledge stays in rules/lib/*.
export { defineRule } from '../../server/src/engine/rule';
export type {
  Check,
  CheckContext,
  CheckFormat,
  FixOffer,
  FrameworkRef,
  ProjectCheck,
  ProjectContext,
  Related,
  ReportOptions,
  Responsibility,
  Rule,
  Severity,
} from '../../server/src/engine/rule';
export type { Edits, Fix, Plain, TextEdit } from '../../server/src/engine/edits';
export { addPath, addUnder, appendItem, removeItem, removePair } from '../../server/src/engine/add-path';
export type { KubernetesFacts, Resource } from '../../server/src/formats/resource';
export { TEMPLATE_TYPE } from '../../server/src/formats/resource';
export { Val } from '../../server/src/formats/value';
export type { Alt, Resolver } from '../../server/src/formats/value';
export { FORMATS, type Format } from '../../server/src/model/parse';
export { get, getPair, pairOf, pathOf, str } from '../../server/src/model/tree';
export type { MapNode, Node, Pair, Scalar, ScalarNode, SeqNode, Span } from '../../server/src/model/tree';
export { parseEmbeddedJson } from '../../server/src/model/embedded';
export { wildcardMatch, type WildcardOptions } from './match';
export { words } from './names';
export {
  AT_REST,
  AUDIT_LOGGING,
  BACKUPS,
  cisAws,
  cisK8s,
  IMAGE_INTEGRITY,
  IN_TRANSIT,
  IN_TRANSIT_STORES,
  iso27001,
  nist,
  NO_EMBEDDED_SECRETS,
  NOT_PUBLIC,
  nsaK8s,
  PATCHING,
  pci,
  soc2,
  TLS_VERSIONS,
} from './frameworks';
export { cfnDoc, cfnGuideDoc, tfDoc } from './docs';
export { tfGoogleDoc } from './docs';
export { cisGcp } from './frameworks';
export { checkListItemSetting, checkSetting, chooseFix, equals, placeholder, settingChecks, type ListItemSetting, type SettingFormat, type SettingInherit, type SettingItem, type SettingSpec } from './setting';
export * from './values';
export * from './alternatives';
export * from './scope';
export { planConfigurationOf } from '../../server/src/formats/terraform';
export { inModuleGroup, interpolationEnd } from '../../server/src/formats/terraform-hcl';

// Azure (rules/azure/).
export { cisAzure } from './frameworks';
export { azurermDoc } from './docs';
