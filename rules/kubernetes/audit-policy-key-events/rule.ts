// CL-K8S-108: an audit Policy (audit.k8s.io, the file of --audit-policy-file) that leaves key security events without an
// audit event (reads and changes of Secrets, ConfigMaps and TokenReviews, changes to Pods and Deployments, pods/exec,
// pods/portforward, pods/proxy, services/proxy), or that writes the values of Secrets, ConfigMaps or TokenReviews into
// the log (a Request or RequestResponse level for them). CIS Kubernetes 3.2.2.
//
// The API server gives a request the level of the first rule that matches it, and `None` when none does
// (k8s.io/apiserver audit/policy/checker.go). The rules are matched here as it matches them, for representative
// requests: a user, a namespace and an object name that no rule names (the events of other users are what count), or,
// for a rule that logs bodies, the users, groups, namespaces and names that rule names. What cannot be decided (a
// group membership, a value that cannot be read, `x/*` for `x` itself, which the docs and the code read differently)
// is unknown, and a finding needs every possible outcome to be wrong.
import { cisK8s, defineRule, keyNode, nist, type CheckContext, type Node, type Resource, type Val } from '../../kit';
import { controlPlaneResponsibility, isConfigOf } from '../../lib/k8s-control-plane';

type Level = 'None' | 'Metadata' | 'Request' | 'RequestResponse';
const LEVELS: readonly Level[] = ['None', 'Metadata', 'Request', 'RequestResponse'];
/** True, false, or undefined when it cannot be decided. */
type Tri = boolean | undefined;
type List = readonly string[] | 'unknown';

/** A name no rule of the policy names (a user, a namespace, an object). */
const OTHER = Symbol('other');

interface GroupResources {
  readonly group: string;
  readonly resources: readonly string[];
  readonly resourceNames: readonly string[];
}

interface PolicyRule {
  readonly index: number;
  readonly item: Val;
  readonly level?: Level;
  readonly users: List;
  readonly userGroups: List;
  readonly verbs: List;
  readonly namespaces: List;
  readonly nonResourceURLs: List;
  readonly resources: readonly GroupResources[] | 'unknown';
  readonly omitStages: List;
}

/** A kind of request the policy must log (at least Metadata), and must not log with bodies when `leak` is set. */
interface Concern {
  readonly label: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource: string;
  readonly verbs: readonly string[];
  /** What "every verb" of it reads as in a message. */
  readonly all: string;
  readonly namespaced: boolean;
  /** Long-running requests (watch, exec, port-forward, proxy) have a ResponseStarted stage too. */
  readonly longRunning: boolean;
  /** Its request bodies (create, update, patch) and responses (get, list, watch) hold secret values. */
  readonly leak: boolean;
}

const READS = ['get', 'list', 'watch'];
const CHANGES = ['create', 'update', 'patch', 'delete', 'deletecollection'];
/** exec and port-forward: a POST (SPDY, verb create) or a GET (WebSocket, verb get). */
const STREAM = ['create', 'get'];
/** proxy: the verb of the HTTP method that is proxied. */
const PROXY = ['get', 'create', 'update', 'patch', 'delete'];

const CONCERNS: readonly Concern[] = [
  { label: 'Secrets', group: '', resource: 'secrets', subresource: '', verbs: [...READS, ...CHANGES], all: 'reads and changes of Secrets', namespaced: true, longRunning: false, leak: true },
  { label: 'ConfigMaps', group: '', resource: 'configmaps', subresource: '', verbs: [...READS, ...CHANGES], all: 'reads and changes of ConfigMaps', namespaced: true, longRunning: false, leak: true },
  { label: 'TokenReviews', group: 'authentication.k8s.io', resource: 'tokenreviews', subresource: '', verbs: ['create'], all: 'TokenReviews', namespaced: false, longRunning: false, leak: true },
  { label: 'Pods', group: '', resource: 'pods', subresource: '', verbs: CHANGES, all: 'changes to Pods', namespaced: true, longRunning: false, leak: false },
  { label: 'Deployments', group: 'apps', resource: 'deployments', subresource: '', verbs: CHANGES, all: 'changes to Deployments', namespaced: true, longRunning: false, leak: false },
  { label: 'pods/exec', group: '', resource: 'pods', subresource: 'exec', verbs: STREAM, all: 'pods/exec', namespaced: true, longRunning: true, leak: false },
  { label: 'pods/portforward', group: '', resource: 'pods', subresource: 'portforward', verbs: STREAM, all: 'pods/portforward', namespaced: true, longRunning: true, leak: false },
  { label: 'pods/proxy', group: '', resource: 'pods', subresource: 'proxy', verbs: PROXY, all: 'pods/proxy', namespaced: true, longRunning: true, leak: false },
  { label: 'services/proxy', group: '', resource: 'services', subresource: 'proxy', verbs: PROXY, all: 'services/proxy', namespaced: true, longRunning: true, leak: false },
];

/** A representative request of a concern. */
interface Req {
  readonly concern: Concern;
  readonly verb: string;
  readonly user: string | typeof OTHER;
  /** Whether the user is in a group. */
  readonly inGroup: (group: string) => Tri;
  readonly namespace: string | typeof OTHER;
  readonly name: string | typeof OTHER;
}

/** A list of strings as the API server decodes it: absent or null is empty; anything not a list of plain values is unknown. */
function listOf(v: Val): List {
  if (v.isAbsent) return [];
  if (!v.isKnown || !v.isSeq) return 'unknown';
  const out: string[] = [];
  for (const item of v.items()) {
    if (!item.isKnown || item.isMap || item.isSeq) return 'unknown';
    const s = item.str();
    if (s === undefined) return 'unknown';
    out.push(s);
  }
  return out;
}

function groupResourcesOf(v: Val): readonly GroupResources[] | 'unknown' {
  if (v.isAbsent) return [];
  if (!v.isKnown || !v.isSeq) return 'unknown';
  const out: GroupResources[] = [];
  for (const item of v.items()) {
    if (!item.isKnown || !item.isMap) return 'unknown';
    const g = item.get('group');
    // An absent group is the empty string: the core group.
    const group = g.isAbsent ? '' : g.isKnown && !g.isMap && !g.isSeq ? g.str() : undefined;
    const resources = listOf(item.get('resources'));
    const resourceNames = listOf(item.get('resourceNames'));
    if (group === undefined || resources === 'unknown' || resourceNames === 'unknown') return 'unknown';
    out.push({ group, resources, resourceNames });
  }
  return out;
}

function ruleOf(item: Val, index: number): PolicyRule {
  if (!item.isKnown || !item.isMap) {
    return { index, item, users: 'unknown', userGroups: 'unknown', verbs: 'unknown', namespaces: 'unknown', nonResourceURLs: 'unknown', resources: 'unknown', omitStages: 'unknown' };
  }
  const level = item.get('level').str();
  return {
    index,
    item,
    level: LEVELS.find((l) => l === level),
    users: listOf(item.get('users')),
    userGroups: listOf(item.get('userGroups')),
    verbs: listOf(item.get('verbs')),
    namespaces: listOf(item.get('namespaces')),
    nonResourceURLs: listOf(item.get('nonResourceURLs')),
    resources: groupResourcesOf(item.get('resources')),
    omitStages: listOf(item.get('omitStages')),
  };
}

/** Three-valued and: false wins, then unknown. */
function and(...xs: Tri[]): Tri {
  if (xs.some((x) => x === false)) return false;
  return xs.some((x) => x === undefined) ? undefined : true;
}

/** Three-valued or: true wins, then unknown. */
function or(xs: Iterable<Tri>): Tri {
  let unknown = false;
  for (const x of xs) {
    if (x === true) return true;
    if (x === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

function named(list: readonly string[], value: string | typeof OTHER): boolean {
  return typeof value === 'string' && list.includes(value);
}

// ruleMatchesResource: the namespace, then the group, the resource (a star, a star and a subresource, a resource and a star) and the object name.
function matchesResource(q: Req, namespaces: readonly string[], resources: readonly GroupResources[]): Tri {
  if (namespaces.length > 0 && !named(namespaces, q.namespace)) return false;
  if (resources.length === 0) return true;
  const c = q.concern;
  const combined = c.subresource ? `${c.resource}/${c.subresource}` : c.resource;
  const results: Tri[] = [];
  for (const gr of resources) {
    if (gr.group !== c.group) continue;
    if (gr.resources.length === 0) return true;
    if (gr.resourceNames.length > 0 && !named(gr.resourceNames, q.name)) continue;
    for (const res of gr.resources) {
      if (res === combined || res === '*') return true;
      if (c.subresource && res.startsWith('*/') && res.slice(2) === c.subresource) return true;
      if (res.endsWith('/*') && res.slice(0, -2) === c.resource) {
        // `pods/*`: every subresource of pods (the docs); the code also matches `pods` itself, so that is unknown.
        if (c.subresource) return true;
        results.push(undefined);
      }
    }
  }
  return or(results);
}

/** ruleMatches for a resource request. */
function matches(r: PolicyRule, q: Req): Tri {
  const { users, userGroups, verbs, namespaces, resources, nonResourceURLs } = r;
  const user: Tri = users === 'unknown' ? undefined : users.length === 0 ? true : q.user === OTHER ? false : users.includes(q.user);
  const group: Tri = userGroups === 'unknown' ? undefined : userGroups.length === 0 ? true : or(userGroups.map(q.inGroup));
  const verb: Tri = verbs === 'unknown' ? undefined : verbs.length === 0 ? true : verbs.includes(q.verb);
  let target: Tri;
  if (namespaces === 'unknown' || resources === 'unknown') target = undefined;
  else if (namespaces.length > 0 || resources.length > 0) target = matchesResource(q, namespaces, resources);
  // A rule of nonResourceURLs only matches requests that are not resource requests.
  else if (nonResourceURLs === 'unknown') target = undefined;
  else target = nonResourceURLs.length === 0;
  return and(user, group, verb, target);
}

/** How a request of a concern is logged by one outcome: its level, and whether its stages are all omitted. */
interface Outcome {
  /** The rule that matched; undefined when no rule did. */
  readonly rule?: PolicyRule;
  /** The level, with `None` for a rule that omits every stage of the request; undefined when it cannot be read. */
  readonly level?: Level;
  /** The policy's own omitStages leave no stage (else the rule's). */
  readonly omittedByPolicy?: boolean;
}

const STAGES = ['RequestReceived', 'ResponseComplete'];
const LONG_RUNNING_STAGES = ['RequestReceived', 'ResponseStarted', 'ResponseComplete'];

function outcomeOf(rule: PolicyRule, q: Req, policyOmits: List): Outcome {
  if (rule.level === undefined) return { rule };
  if (rule.level === 'None') return { rule, level: 'None' };
  const stages = q.concern.longRunning || q.verb === 'watch' ? LONG_RUNNING_STAGES : STAGES;
  if (policyOmits === 'unknown' || rule.omitStages === 'unknown') return { rule };
  if (stages.every((s) => policyOmits.includes(s))) return { rule, level: 'None', omittedByPolicy: true };
  if (stages.every((s) => policyOmits.includes(s) || (rule.omitStages as readonly string[]).includes(s))) return { rule, level: 'None' };
  return { rule, level: rule.level };
}

/**
 * Every way the policy may log the request (EvaluatePolicyRule: the first matching rule; `None` when no rule
 * matches): a rule whose match cannot be decided adds its outcome and the walk goes on; a rule that matches ends it.
 */
function outcomes(rules: readonly PolicyRule[], q: Req, policyOmits: List): Outcome[] {
  const out: Outcome[] = [];
  for (const rule of rules) {
    const m = matches(rule, q);
    if (m === false) continue;
    out.push(outcomeOf(rule, q, policyOmits));
    if (m === true) return out;
  }
  out.push({ level: 'None' });
  return out;
}

/** A user no rule names, who is authenticated and in no group a rule names. */
const otherUser = { user: OTHER, inGroup: (g: string): Tri => g === 'system:authenticated' } as const;

/** Whether the request's bodies hold the values: the request of a write, the response of a read. */
function leaksAt(verb: string, level: Level | undefined): boolean {
  if (level === 'RequestResponse') return ['create', 'update', 'patch', ...READS].includes(verb);
  if (level === 'Request') return ['create', 'update', 'patch'].includes(verb);
  return false;
}

/** How many of a rule's users, groups, namespaces and names are tried, and how many requests in all. */
const MAX_CHOICES = 16;
const MAX_REQUESTS = 64;

/** The representative requests of `c` that rule `r` is written for: its users or groups, namespaces and names. */
function requestsFor(r: PolicyRule, c: Concern, verb: string): Req[] {
  if (r.users === 'unknown' || r.userGroups === 'unknown' || r.namespaces === 'unknown' || r.resources === 'unknown') return [];
  const who: Pick<Req, 'user' | 'inGroup'>[] = [];
  const groups = r.userGroups.slice(0, MAX_CHOICES);
  if (r.users.length > 0) {
    for (const u of r.users.slice(0, MAX_CHOICES)) {
      if (groups.length === 0) who.push({ user: u, inGroup: () => undefined });
      else for (const g of groups) who.push({ user: u, inGroup: (x) => (x === g ? true : undefined) });
    }
  } else if (groups.length > 0) {
    // A member of the group whom no rule names (the others of a group count, as the others of a policy do); which
    // other groups they are in is not known, except that a member of a group other than system:unauthenticated is
    // authenticated.
    for (const g of groups) {
      who.push({ user: OTHER, inGroup: (x) => (x === g ? true : x === 'system:authenticated' && g !== 'system:unauthenticated' ? true : undefined) });
    }
  } else who.push(otherUser);
  // Cluster-scoped objects have the empty namespace; namespaced ones a namespace, or none for a list or watch of all.
  const spaces: (string | typeof OTHER)[] =
    r.namespaces.length > 0
      ? r.namespaces.slice(0, MAX_CHOICES).filter((ns) => (c.namespaced ? ns !== '' || verb === 'list' || verb === 'watch' : ns === ''))
      : [c.namespaced ? OTHER : ''];
  // A create names no object; otherwise the names the rule's entry for the concern's group names, or another.
  const names = new Set<string | typeof OTHER>();
  if (verb === 'create') names.add('');
  else {
    for (const gr of r.resources) if (gr.group === c.group) for (const n of gr.resourceNames.slice(0, MAX_CHOICES)) names.add(n);
    if (names.size === 0) names.add(OTHER);
  }
  const out: Req[] = [];
  for (const w of who) {
    for (const namespace of spaces) {
      for (const name of names) {
        // A bound on the work for a rule with long lists (each request walks the rules once).
        if (out.length >= MAX_REQUESTS) return out;
        out.push({ concern: c, verb, ...w, namespace, name });
      }
    }
  }
  return out;
}

/** `get, list and watch` */
function joined(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** `reads and changes of Secrets, create and get of pods/exec`, from each concern's verbs. */
function describe(found: ReadonlyMap<Concern, Set<string>>): string {
  const parts: string[] = [];
  for (const c of CONCERNS) {
    const verbs = found.get(c);
    if (!verbs || verbs.size === 0) continue;
    const ordered = c.verbs.filter((v) => verbs.has(v));
    parts.push(ordered.length === c.verbs.length ? c.all : `${joined(ordered)} of ${c.label}`);
  }
  return joined(parts);
}

function add(map: Map<Concern, Set<string>>, c: Concern, verb: string): void {
  let set = map.get(c);
  if (!set) map.set(c, (set = new Set()));
  set.add(verb);
}

function levelAt(rule: PolicyRule): Val | Node {
  const level = rule.item.get('level');
  return level.isAbsent ? rule.item : level;
}

function checkPolicy(r: Resource, ctx: CheckContext): void {
  if (!isConfigOf(r, 'audit.k8s.io')) return;
  const list = r.body.get('rules');
  const policyOmits = listOf(r.body.get('omitStages'));
  if (!list.isAbsent && (!list.isKnown || !list.isSeq)) return;
  const items = list.isAbsent ? [] : list.items();
  if (items.length === 0) {
    ctx.report(keyNode(r.body, 'rules') ?? r.anchor, 'The audit Policy has no rules: it gives every request the level None, so no request is audited (and kube-apiserver refuses to start with a policy of 0 rules).');
    return;
  }
  const rules = items.map(ruleOf);

  // Key events that get no audit event: where the first rule that matches them is None (or omits every stage), or
  // where no rule matches them.
  const hidden = new Map<PolicyRule | 'none' | 'policy', Map<Concern, Set<string>>>();
  for (const c of CONCERNS) {
    for (const verb of c.verbs) {
      const q: Req = { concern: c, verb, ...otherUser, namespace: c.namespaced ? OTHER : '', name: verb === 'create' ? '' : OTHER };
      const outs = outcomes(rules, q, policyOmits);
      if (!outs.every((o) => o.level === 'None')) continue;
      const last = outs[outs.length - 1];
      const where = last.rule === undefined ? 'none' : last.omittedByPolicy ? 'policy' : last.rule;
      let m = hidden.get(where);
      if (!m) hidden.set(where, (m = new Map()));
      add(m, c, verb);
    }
  }
  for (const [where, found] of hidden) {
    const what = describe(found);
    const effect = 'so the API server writes no audit event for them and who made them leaves no record.';
    if (where === 'none') {
      ctx.report(keyNode(r.body, 'rules') ?? r.anchor, `No rule of the audit Policy logs ${what} (for users, namespaces and objects no rule names): a request that matches no rule gets level None, ${effect}`);
    } else if (where === 'policy') {
      ctx.report(keyNode(r.body, 'omitStages') ?? r.anchor, `The audit Policy's omitStages leave no stage of ${what} to record, ${effect}`);
    } else if (where.level === 'None') {
      ctx.report(levelAt(where), `Audit Policy rules[${where.index}] (level None) matches ${what} (for users, namespaces and objects no earlier rule names) before any rule that logs them, ${effect}`);
    } else {
      ctx.report(levelAt(where), `Audit Policy rules[${where.index}] matches ${what} (for users, namespaces and objects no earlier rule names) before any rule that logs them, but its omitStages leave no stage of them to record, ${effect}`);
    }
  }

  // Rules that log the values of Secrets, ConfigMaps or TokenReviews: the first to match some request of them at a
  // level that writes its bodies.
  for (const rule of rules) {
    if (rule.level !== 'Request' && rule.level !== 'RequestResponse') continue;
    const found = new Map<Concern, Set<string>>();
    for (const c of CONCERNS) {
      if (!c.leak) continue;
      for (const verb of c.verbs) {
        if (!leaksAt(verb, rule.level)) continue;
        for (const q of requestsFor(rule, c, verb)) {
          // The walk ends at this rule at the latest, since it matches the request.
          if (matches(rule, q) !== true) continue;
          const outs = outcomes(rules, q, policyOmits);
          const last = outs[outs.length - 1];
          if (last.rule !== rule || !outs.every((o) => leaksAt(verb, o.level))) continue;
          add(found, c, verb);
          break;
        }
      }
    }
    if (found.size === 0) continue;
    const bodies = [...found.values()].some((vs) => [...vs].some((v) => READS.includes(v))) ? 'the request and response bodies' : 'the request bodies';
    const values = CONCERNS.filter((c) => found.has(c)).map((c) => VALUES[c.resource]);
    ctx.report(
      levelAt(rule),
      `Audit Policy rules[${rule.index}] logs ${describe(found)} at level ${rule.level}: ${bodies} hold ${joined(values)}, which the API server then writes into the audit log; log them at Metadata.`,
    );
  }
}

/** What the bodies of a concern that leaks hold. */
const VALUES: Readonly<Record<string, string>> = {
  secrets: "the Secrets' values",
  configmaps: "the ConfigMaps' data",
  tokenreviews: 'the tokens TokenReviews check',
};

export default defineRule({
  id: 'CL-K8S-108',
  slug: 'audit-policy-key-events',
  title: 'Audit policy misses key security events or logs Secret values',
  severity: 'medium',
  fixable: false,
  description:
    'An audit Policy (the file of --audit-policy-file) gives each request the level of the first rule that matches it, and None when no rule does. A policy that gives None to reads and changes of Secrets, ConfigMaps or TokenReviews, changes to Pods or Deployments, or pods/exec, pods/portforward, pods/proxy and services/proxy leaves no record of them; one that logs Secrets, ConfigMaps or TokenReviews at Request or RequestResponse writes their values into the audit log.',
  remediation:
    'Put a Metadata rule for secrets, configmaps (group "") and tokenreviews (group authentication.k8s.io) before any rule that would match them at another level, and end the rules with a catch-all (level Metadata or more) so that Pods, Deployments, exec, port-forward and proxy requests are logged.',
  responsibility: controlPlaneResponsibility('logging-and-monitoring', "what the API server's audit policy records, and at which level, is yours"),
  frameworks: [cisK8s('3.2.2'), nist('AU-2', 'AU-12')],
  equivalents: {
    kics: ['1828a670-5957-4bc5-9974-47da228f75e2'],
  },
  docs: [
    'https://kubernetes.io/docs/tasks/debug/debug-cluster/audit/',
    'https://kubernetes.io/docs/reference/config-api/apiserver-audit.v1/',
  ],
  checks: {
    kubernetes: { reads: 'resource', types: ['Policy'], run: checkPolicy },
  },
});
