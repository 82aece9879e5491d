// No regular expression in rules/ or server/ is open to catastrophic backtracking: every regex literal (and every
// `new RegExp` of a literal pattern) is extracted from the sources, checked by a small static analysis (nested
// unbounded quantifiers, overlapping alternatives under a quantifier) and timed on adversarial long strings; and
// every rule is timed on its own examples with every string value replaced by an adversarial long string.
import { wildcardMatch } from '../../rules/kit';

const wildcardMatches = (filter: string, name: string) => wildcardMatch(filter, name);
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { RULES, RULE_DIRS } from '../../rules/index';
import { defaultCatalogue } from '../../server/src/engine/default-catalogue';
import { lintFile } from '../../server/src/engine/lint';
import { parseFile } from '../../server/src/model/parse';
import type { Node } from '../../server/src/model/tree';
import { exampleInputs, REPO } from './harness';
import { parseRegex, risks, type RNode } from '../../server/src/engine/regex-safety';

interface Found {
  readonly file: string;
  readonly line: number;
  readonly source: string;
  readonly flags: string;
  /** Set when the pattern is built at run time (a template with expressions): checked by hand, see DYNAMIC. */
  readonly dynamic?: boolean;
}

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) tsFiles(full, out);
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Every regex of a TypeScript file: literals, and `RegExp(...)` / `new RegExp(...)` calls. */
function regexesOf(file: string): Found[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out: Found[] = [];
  const where = (n: ts.Node) => ({ file: relative(REPO, file), line: sf.getLineAndCharacterOfPosition(n.getStart()).line + 1 });
  const visit = (n: ts.Node) => {
    if (ts.isRegularExpressionLiteral(n)) {
      const lit = n.text;
      const end = lit.lastIndexOf('/');
      out.push({ ...where(n), source: lit.slice(1, end), flags: lit.slice(end + 1) });
    } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp' && n.arguments?.length) {
      const [pattern, flags] = n.arguments;
      const flagText = flags && ts.isStringLiteralLike(flags) ? flags.text : '';
      if (ts.isStringLiteralLike(pattern)) out.push({ ...where(n), source: pattern.text, flags: flagText });
      else out.push({ ...where(n), source: pattern.getText(sf), flags: flagText, dynamic: true });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** Characters worth pumping against a regex: one of every set it uses, plus the usual suspects. */
function pumpChars(n: RNode): string[] {
  const out = new Set<string>([' ', 'a', '0', '-', '.', '/', ':', '$', '{', '*', '\\', '_', '"', '\n', '\t', 'é']);
  const walk = (x: RNode) => {
    if (x.t === 'chars') {
      const first = [...x.set.ascii][0];
      if (first !== undefined) out.add(String.fromCharCode(first));
      const last = [...x.set.ascii].pop();
      if (last !== undefined) out.add(String.fromCharCode(last));
    } else if (x.t === 'group') walk(x.body);
    else if (x.t === 'quant') walk(x.body);
    else if (x.t === 'alt') x.alts.forEach(walk);
    else if (x.t === 'seq') x.items.forEach(walk);
  };
  walk(n);
  return [...out];
}

/** The literal text a regex starts with (after `^`), to reach the part that repeats. */
function literalPrefix(n: RNode): string {
  let s = '';
  const items = n.t === 'seq' ? n.items : [n];
  for (const x of items) {
    if (x.t === 'empty') continue;
    if (x.t === 'chars' && x.set.ascii.size === 1 && !x.set.other) s += String.fromCharCode([...x.set.ascii][0]);
    else break;
  }
  return s;
}

/**
 * Regexes the analysis flags that are safe, each with the reason. A new entry needs a reason a reviewer can check;
 * the timing test runs on them all the same.
 */
const REVIEWED: Record<string, string> = {};

/** Patterns built at run time, each with why it is safe (or the finding, when it is not). */
const DYNAMIC: Record<string, string> = {
  'rules/lib/k8s-images.ts': 'REPOSITORY is built from the constant COMPONENT only; it is timed below like the literals.',
  'server/src/engine/regex-safety.ts': "customPatternProblem compiles a custom rule's pattern to check its syntax (compiling runs nothing), after its flags and length.",
  'server/src/engine/custom-rules.ts':
    "a custom rule's matches: pattern, compiled only once customPatternProblem accepts it (the analysis above, and at most 2 chained unbounded quantifiers); run on at most PATTERN_LIMITS.maxInputLength characters.",
  'server/src/service/report.ts':
    'uriNamer: an alternation of the known file URIs, each escaped as a literal (no quantifier, no class): at most one pass over the alternatives per position, run only on strings that contain "file:".',
};

/**
 * Quadratic regexes found by the timing test (a few hundred ms on 20,000 characters of the worst input; linear on
 * real input). Not catastrophic, but each is worth a linear rewrite by its owner; a new one fails the suite.
 */
const KNOWN_QUADRATIC: Record<string, string> = {
  '\\[[^\\]]*\\]': 'instance keys stripped from addresses (`b["a"]`): a run of "[" without "]" rescans to the end from each one. Fix: a loop, or /\\[[^\\[\\]]*\\]/.',
  '\\[[^\\]]*\\]$': 'same, at the end of an address.',
  '[\\r\\n]+$': 'server/src/engine/suppress.ts: trailing line breaks; a long run of line breaks not at the end rescans from each one. Fix: trimEnd-style loop.',
};

const N = 20_000;

describe('robustness: regular expressions', function () {
  this.timeout(120_000);
  const files = [...tsFiles(join(REPO, 'rules')), ...tsFiles(join(REPO, 'server', 'src'))].filter((f) => !f.endsWith(join('rules', 'index.ts')));
  const found = files.flatMap(regexesOf);
  const literal = found.filter((f) => !f.dynamic);

  it(`finds the regexes of rules/ and server/ (${found.length})`, () => {
    assert.ok(literal.length > 50, `only ${literal.length} regexes found`);
  });

  it('none has a shape of exponential backtracking (nested unbounded quantifiers, overlapping alternatives)', () => {
    const flagged = literal
      .map((f) => ({ f, r: risks(parseRegex(f.source)) }))
      .filter(({ f, r }) => r.length > 0 && !REVIEWED[f.source])
      .map(({ f, r }) => `${f.file}:${f.line} /${f.source}/${f.flags}: ${r.join(', ')}`);
    assert.deepEqual(flagged, []);
  });

  it('the analysis does flag the classic catastrophic shapes', () => {
    for (const bad of ['(a+)+$', '(a|a)*b', '(\\w+\\s?)*$', '^(\\d+)*x', '(x+x+)+y', '(.*a){3,}', '(a|ab)*c']) {
      assert.notDeepEqual(risks(parseRegex(bad)), [], bad);
    }
    for (const good of ['^[a-z]+(?:-[a-z]+)*$', '\\$\\{([A-Za-z0-9]+)(?:\\.[A-Za-z0-9.]+)?\\}', '^(?:\\d{1,3}\\.){3}\\d{1,3}$', '(?:,\\s*\\w+)*']) {
      assert.deepEqual(risks(parseRegex(good)), [], good);
    }
  });

  it('every pattern built at run time is reviewed', () => {
    const unreviewed = found.filter((f) => f.dynamic && !DYNAMIC[f.file]).map((f) => `${f.file}:${f.line} ${f.source}`);
    assert.deepEqual(unreviewed, []);
  });

  it(`each one runs in linear time on adversarial strings of ${N.toLocaleString('en')} characters`, () => {
    const slow: string[] = [];
    const compiled: { f: Found; re: RegExp; tree: RNode }[] = [];
    for (const f of [...literal, { file: 'rules/lib/k8s-images.ts', line: 0, source: '^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$', flags: '' }]) {
      compiled.push({ f, re: new RegExp(f.source, f.flags.replace('g', '').replace('y', '')), tree: parseRegex(f.source) });
    }
    for (const { f, re, tree } of compiled) {
      const prefix = literalPrefix(tree);
      const chars = pumpChars(tree);
      const inputs: string[] = [];
      for (const c of chars) {
        for (const tail of ['\u0000', '']) inputs.push(c.repeat(N) + tail, prefix + c.repeat(N) + tail);
      }
      for (let a = 0; a < Math.min(chars.length, 6); a++) for (let b = a + 1; b < Math.min(chars.length, 6); b++) inputs.push((chars[a] + chars[b]).repeat(N / 2) + '\u0000');
      for (const s of inputs) {
        const t0 = performance.now();
        re.test(s);
        const ms = performance.now() - t0;
        // Over 1 s on 20,000 characters is worse than quadratic; over 100 ms is quadratic, allowed only when known.
        if (ms > 1000 || (ms > 100 && !KNOWN_QUADRATIC[f.source])) {
          slow.push(`${f.file}:${f.line} /${f.source}/: ${ms.toFixed(0)} ms on ${JSON.stringify(s.slice(0, 12))}… (${s.length})`);
          break;
        }
        if (ms > 100) break; // a known quadratic one: shown slow once is enough
      }
    }
    assert.deepEqual(slow, []);
  });

  it('ECR registry scanning filters are matched in linear time (was a regex exponential in the stars)', () => {
    assert.equal(wildcardMatches('prod-*', 'prod-api'), true);
    assert.equal(wildcardMatches('*-api', 'prod-api'), true);
    assert.equal(wildcardMatches('p*d*i', 'prod-api'), true);
    assert.equal(wildcardMatches('*', ''), true);
    assert.equal(wildcardMatches('prod-*', 'dev-api'), false);
    assert.equal(wildcardMatches('a*b', 'acb-'), false);
    assert.equal(wildcardMatches('exact', 'exact'), true);
    const t0 = performance.now();
    assert.equal(wildcardMatches('*a'.repeat(20) + '*b', 'a'.repeat(256)), false);
    assert.ok(performance.now() - t0 < 100, 'a 20-star filter against a 256-character name takes milliseconds');
  });

  describe('every rule on its examples with adversarial long strings in every value', () => {
    const catalogue = defaultCatalogue();
    const examples = exampleInputs();
    // 10,000 characters: a quadratic check shows as tens of milliseconds, anything worse as seconds.
    // (scripts/fuzz-long.ts --attacks runs longer ones.)
    const L = Number(process.env.CLOUDLINE_ATTACK_LENGTH) || 10_000;
    const ATTACKS = [
      'a'.repeat(L),
      ' '.repeat(L) + 'x',
      '*'.repeat(L),
      '${'.repeat(L / 2),
      '{{'.repeat(L / 2),
      'arn:aws:iam::'.repeat(L / 13),
      '0.0.0.0/0 '.repeat(L / 10),
      's3:*'.repeat(L / 4),
      '['.repeat(L),
    ];
    const KEEP = new Set(['Type', 'apiVersion', 'kind', 'AWSTemplateFormatVersion', 'format_version', 'address', 'type', 'mode', 'name']);

    /** The example with every string value (not keys, not what names the resource) replaced by `attack`. */
    function poison(name: string, text: string, attack: string): string | undefined {
      const parsed = parseFile(name, text);
      const spans: [number, number][] = [];
      const walk = (n: Node | undefined, key?: string) => {
        if (!n) return;
        if (n.kind === 'scalar') {
          if (typeof n.value === 'string' && !(key && KEEP.has(key)) && n.style !== 'block') spans.push([n.span[0], n.span[1]]);
        } else if (n.kind === 'seq') n.items.forEach((x) => walk(x, key));
        else n.pairs.forEach((p) => walk(p.value, String(p.key.value)));
      };
      parsed.docs.forEach((d) => walk(d.doc.root));
      if (!spans.length) return undefined;
      let out = text;
      // In HCL a quoted string is a template: `${` and `%{` are escaped so the value read is the attack string itself.
      const literal = name.endsWith('.tf') ? JSON.stringify(attack).replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{') : JSON.stringify(attack);
      for (const [s, e] of spans.sort((a, b) => b[0] - a[0])) out = out.slice(0, s) + literal + out.slice(e);
      return out;
    }

    const byRule = new Map<string, typeof examples>();
    for (const ex of examples) {
      const dir = RULE_DIRS.find((d) => ex.origin.startsWith(`rules/${d} `));
      if (dir) byRule.set(dir, [...(byRule.get(dir) ?? []), ex]);
    }

    // One test per rule (each under mocha's own timeout), not one for the whole catalogue: the catalogue grows, and a
    // single test over every rule outgrew its time limit on a loaded machine while no rule came near 1 s.
    const cpu = (f: () => unknown) => {
      const t0 = process.cpuUsage();
      f();
      const used = process.cpuUsage(t0);
      return (used.user + used.system) / 1000;
    };
    let worst = { ms: 0, what: '' };
    after(() => process.stderr.write(`      slowest: ${worst.what}: ${worst.ms.toFixed(0)} ms\n`));
    RULES.forEach((rule, i) => {
      it(`${rule.id} stays under 1 s of CPU on its first bad example of each format, per attack (${ATTACKS.length} attacks)`, () => {
        const slow: string[] = [];
        const all = byRule.get(RULE_DIRS[i]) ?? [];
        const exs = all.filter((ex, j) => / bad: /.test(ex.origin) && all.findIndex((x) => x.origin.split(' ')[1] === ex.origin.split(' ')[1] && / bad: /.test(x.origin)) === j);
        assert.ok(exs.length > 0, `${rule.id} has no bad example`);
        for (const ex of exs) {
          for (const attack of ATTACKS) {
            const text = poison(ex.name, ex.text, attack);
            if (!text) continue;
            let r = lintFile(parseFile(ex.name, text), catalogue);
            let ms = cpu(() => (r = lintFile(parseFile(ex.name, text), catalogue)));
            // A garbage collection can land on any lint: a slow one is measured again before it counts.
            if (ms > 200) ms = Math.min(ms, cpu(() => lintFile(parseFile(ex.name, text), catalogue)));
            const what = `${rule.id} (${ex.origin}) with ${JSON.stringify(attack.slice(0, 10))}…`;
            if (ms > worst.ms) worst = { ms, what };
            if (ms > 1000) slow.push(`${what}: ${ms.toFixed(0)} ms`);
            assert.deepEqual(r.errors, [], what);
          }
        }
        assert.deepEqual(slow, []);
      });
    });
  });
});
