// The Terraform TextMate grammar Cloudline contributes (highlighting without any other extension): tokenized with
// vscode-textmate and Oniguruma as VS Code does, and its manifest contributions, which must coexist with HashiCorp's
// Terraform extension (the same language IDs, its own scope name, nothing else claimed).
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { withoutDuplicateHclDiagnostics } from '../../client/src/terraform';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const SAMPLE = `# a comment
// another
/* a block
   comment */
terraform {
  required_version = ">= 1.5"
}

resource "aws_s3_bucket" "logs" {
  bucket = "\${var.prefix}-logs\\n"
  acl    = "private"
  count  = 2
  ratio  = 1.5e3
  force_destroy = true
  tags = {
    Name = upper("x")
  }
  dynamic "rule" {
    for_each = var.rules
    content {
      id = rule.value
    }
  }
}

locals {
  ok     = var.a == 1 && !var.b ? yes : null
  names  = [for s in var.list : lower(s) if s != ""]
  arn    = provider::aws::arn_parse(var.arn)
  policy = <<-EOF
    {"Resource": "\${aws_s3_bucket.logs.arn}/*"}
    %{ if var.x }on%{ endif }
  EOF
}
`;

/** The grammar, loaded as VS Code loads it. */
async function loadGrammar(): Promise<IGrammar> {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName !== 'source.terraform') return null;
      const path = join(root, 'syntaxes', 'terraform.tmLanguage.json');
      return parseRawGrammar(readFileSync(path, 'utf8'), path);
    },
  });
  const grammar = await registry.loadGrammar('source.terraform');
  assert.ok(grammar, 'the grammar loads');
  return grammar;
}

type Token = { line: number; text: string; scopes: string[] };

function tokenize(grammar: IGrammar, text: string): Token[] {
  const out: Token[] = [];
  let state = INITIAL;
  text.split('\n').forEach((line, i) => {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push({ line: i + 1, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = r.ruleStack;
  });
  return out;
}

describe('Terraform TextMate grammar', () => {
  let tokens: Token[] = [];
  /** The innermost scope of the `nth` token whose text is `text` (on `line` when given). */
  const scopeOf = (text: string, line?: number, nth = 0): string => {
    const found = tokens.filter((t) => t.text === text && (line === undefined || t.line === line));
    assert.ok(found[nth], `no token ${JSON.stringify(text)}${line ? ` on line ${line}` : ''}: ${JSON.stringify(tokens.filter((t) => t.line === line).map((t) => t.text))}`);
    return found[nth].scopes[found[nth].scopes.length - 1];
  };
  const scopesOf = (text: string, line?: number): string[] => tokens.find((t) => t.text === text && (line === undefined || t.line === line))?.scopes ?? [];

  before(async () => {
    tokens = tokenize(await loadGrammar(), SAMPLE);
  });

  it('comments: #, // and /* */', () => {
    assert.equal(scopeOf('# a comment', 1), 'comment.line.number-sign.terraform');
    assert.equal(scopeOf('// another', 2), 'comment.line.double-slash.terraform');
    assert.ok(scopesOf('   comment ', 4).includes('comment.block.terraform'));
  });

  it('block types and labels', () => {
    assert.equal(scopeOf('terraform', 5), 'entity.name.type.block.terraform');
    assert.equal(scopeOf('resource', 9), 'entity.name.type.block.terraform');
    assert.equal(scopeOf('"aws_s3_bucket"', 9), 'string.quoted.double.label.terraform');
    assert.equal(scopeOf('"logs"', 9), 'string.quoted.double.label.terraform');
    assert.equal(scopeOf('dynamic', 18), 'entity.name.type.block.terraform');
    assert.equal(scopeOf('content', 20), 'entity.name.type.block.terraform');
    assert.equal(scopeOf('locals', 26), 'entity.name.type.block.terraform');
  });

  it('attribute names and object keys', () => {
    assert.equal(scopeOf('bucket', 10), 'variable.other.property.terraform');
    assert.equal(scopeOf('required_version', 6), 'variable.other.property.terraform');
    assert.equal(scopeOf('Name', 16), 'variable.other.property.terraform');
    assert.equal(scopeOf('=', 10), 'keyword.operator.assignment.terraform');
  });

  it('strings with ${} interpolation and escapes', () => {
    assert.ok(scopesOf('private', 11).includes('string.quoted.double.terraform'));
    assert.equal(scopeOf('${', 10), 'punctuation.definition.template-expression.begin.terraform');
    assert.ok(scopesOf('prefix', 10).includes('meta.interpolation.terraform'));
    assert.equal(scopeOf('\\n', 10), 'constant.character.escape.terraform');
  });

  it('numbers, booleans and null', () => {
    assert.equal(scopeOf('2', 12), 'constant.numeric.terraform');
    assert.equal(scopeOf('1.5e3', 13), 'constant.numeric.terraform');
    assert.equal(scopeOf('true', 14), 'constant.language.terraform');
    assert.equal(scopeOf('null', 27), 'constant.language.terraform');
  });

  it('function calls, provider functions, references, for expressions and operators', () => {
    assert.equal(scopeOf('upper', 16), 'support.function.terraform');
    assert.equal(scopeOf('lower', 28), 'support.function.terraform');
    assert.equal(scopeOf('provider::aws::arn_parse', 29), 'support.function.terraform');
    assert.equal(scopeOf('var', 27), 'variable.language.terraform');
    assert.equal(scopeOf('for', 28), 'keyword.control.terraform');
    assert.equal(scopeOf('in', 28), 'keyword.control.terraform');
    assert.equal(scopeOf('==', 27), 'keyword.operator.comparison.terraform');
    assert.equal(scopeOf('&&', 27), 'keyword.operator.logical.terraform');
    assert.equal(scopeOf('?', 27), 'keyword.operator.conditional.terraform');
    // `yes :` in a conditional and `var.list :` in a `for` are no object keys.
    assert.equal(scopeOf('yes', 27), 'variable.other.terraform');
    assert.equal(scopeOf(':', 27), 'keyword.operator.conditional.terraform');
    assert.equal(scopeOf('list', 28), 'variable.other.terraform');
  });

  it('heredocs (<<EOF and <<-EOF) with interpolations and directives inside, and what follows them', () => {
    assert.equal(scopeOf('<<-', 30), 'keyword.operator.heredoc.terraform');
    assert.equal(scopeOf('EOF', 30), 'keyword.control.heredoc-token.terraform');
    assert.ok(scopesOf('    {"Resource": "', 31).includes('string.unquoted.heredoc.terraform'));
    assert.ok(scopesOf('aws_s3_bucket', 31).includes('meta.interpolation.terraform'));
    assert.equal(scopeOf('%{', 32), 'punctuation.definition.template-directive.begin.terraform');
    assert.equal(scopeOf('EOF', 33), 'keyword.control.heredoc-token.terraform');
    // The heredoc ended: the block's closing brace is the block's again.
    assert.equal(scopeOf('}', 34), 'punctuation.section.block.end.terraform');
  });

  it('leaves no scope open at the end of any KICS Terraform file (every string, heredoc, block and comment ends)', async function () {
    const corpus = join(root, '..', 'shared', 'corpus', 'kics', 'terraform');
    if (!existsSync(corpus)) this.skip();
    const grammar = await loadGrammar();
    const walk = (dir: string, out: string[] = []): string[] => {
      for (const name of readdirSync(dir).sort()) {
        const full = join(dir, name);
        if (statSync(full).isDirectory()) walk(full, out);
        else if (name.endsWith('.tf')) out.push(full);
      }
      return out;
    };
    const files = walk(corpus);
    assert.ok(files.length > 1000);
    const open: string[] = [];
    for (const file of files) {
      let state = INITIAL;
      for (const line of readFileSync(file, 'utf8').split('\n')) state = grammar.tokenizeLine(line, state).ruleStack;
      const next = grammar.tokenizeLine('x = 1', state).tokens[0].scopes;
      if (next.length !== 2) open.push(`${file}: ${next.join(' ')}`);
    }
    assert.deepEqual(open, []);
  });

  it('package.json contributes the terraform languages and the grammar, beside HashiCorp Terraform', () => {
    const languages = manifest.contributes.languages as { id: string; extensions: string[]; aliases: string[]; configuration: string }[];
    // HashiCorp's extension uses the IDs `terraform` (.tf) and `terraform-vars` (.tfvars): the same IDs, so a file
    // gets one language whichever extension is installed, and no extension is claimed twice.
    assert.deepEqual(
      languages.map((l) => [l.id, l.extensions]),
      [
        ['terraform', ['.tf']],
        ['terraform-vars', ['.tfvars']],
      ],
    );
    assert.equal(languages[0].aliases[0], 'Terraform');
    for (const l of languages) assert.ok(existsSync(join(root, l.configuration)), l.configuration);
    const grammars = (manifest.contributes.grammars as { language?: string; scopeName: string; path: string }[]).filter((g) => g.language);
    // Our own scope name (HashiCorp's grammar is `source.hcl.terraform`): the two grammars never replace each other's
    // scope, and with HashiCorp's extension installed VS Code binds the language to the grammar registered last.
    assert.deepEqual(
      grammars.map((g) => [g.language, g.scopeName, g.path]),
      [
        ['terraform', 'source.terraform', './syntaxes/terraform.tmLanguage.json'],
        ['terraform-vars', 'source.terraform', './syntaxes/terraform.tmLanguage.json'],
      ],
    );
    const grammar = JSON.parse(readFileSync(join(root, grammars[0].path), 'utf8'));
    assert.equal(grammar.scopeName, 'source.terraform');
    assert.ok(manifest.activationEvents.includes('onLanguage:terraform') && manifest.activationEvents.includes('onLanguage:terraform-vars'));
    const configuration = JSON.parse(readFileSync(join(root, 'language-configuration.json'), 'utf8'));
    assert.equal(configuration.comments.lineComment, '#');
    assert.deepEqual(configuration.comments.blockComment, ['/*', '*/']);
    assert.deepEqual(configuration.brackets, [['{', '}'], ['[', ']'], ['(', ')']]);
    assert.ok(configuration.autoClosingPairs.some((p: { open: string }) => p.open === '"'));
    // It ships in the package.
    const ignore = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n');
    assert.ok(ignore.includes('!language-configuration.json') && ignore.includes('!syntaxes/**'));
  });

  it("with HashiCorp's extension installed, a Terraform file's syntax errors are theirs to report; findings stay", () => {
    const diagnostics = [
      { code: 'syntax-error', message: 'Syntax error: unexpected "=".' },
      { code: 'syntax-error', message: 'Duplicate argument "acl": it is already set on line 3 of this block or object.' },
      { code: 'syntax-error', message: 'The HCL is nested more than 500 levels deep here (the maxDepth limit): Cloudline did not lint it.' },
      { code: { value: 'CL-AWS-050' }, message: 'The bucket ACL is public-read.' },
    ];
    assert.deepEqual(
      withoutDuplicateHclDiagnostics('/w/main.tf', diagnostics, true).map((d) => d.message),
      [diagnostics[2].message, diagnostics[3].message],
    );
    assert.equal(withoutDuplicateHclDiagnostics('/w/prod.TFVARS', diagnostics, true).length, 2);
    assert.equal(withoutDuplicateHclDiagnostics('/w/main.tf', diagnostics, false).length, 4);
    assert.equal(withoutDuplicateHclDiagnostics('/w/main.tf.json', diagnostics, true).length, 4);
    assert.equal(withoutDuplicateHclDiagnostics('/w/template.yaml', diagnostics, true).length, 4);
  });
});
