// Bundles the client, the language server and the CLI into dist/ with esbuild (`--watch` to rebuild on change).
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, existsSync, rmSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  // web-tree-sitter's CommonJS build: its ES module build reads import.meta.url, which a CommonJS bundle lacks.
  alias: { 'web-tree-sitter': join(root, 'node_modules/web-tree-sitter/web-tree-sitter.cjs') },
};
const builds = [
  { ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'dist/client.js'), external: ['vscode'] },
  { ...common, entryPoints: [join(root, 'server/src/server.ts')], outfile: join(root, 'dist/server.js') },
  { ...common, entryPoints: [join(root, 'server/src/cli/main.ts')], outfile: join(root, 'dist/cli.js'), banner: { js: '#!/usr/bin/env node' } },
];

/** Copies each rule's README.md to dist/docs/<slug>.md: the pages diagnostics link to, offline. */
function copyDocs() {
  const docs = join(root, 'dist/docs');
  rmSync(docs, { recursive: true, force: true });
  mkdirSync(docs, { recursive: true });
  for (const group of readdirSync(join(root, 'rules'))) {
    const groupDir = join(root, 'rules', group);
    if (group === 'responsibility' || group === 'lib' || group === 'frameworks' || !statSync(groupDir).isDirectory()) continue;
    for (const slug of readdirSync(groupDir)) {
      const readme = join(groupDir, slug, 'README.md');
      if (existsSync(readme)) cpSync(readme, join(docs, `${slug}.md`));
    }
  }
}

/** The HCL parser's WebAssembly (tree-sitter's runtime and the Terraform grammar), loaded from next to the bundles. */
function copyWasm() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  cpSync(join(root, 'node_modules/web-tree-sitter/web-tree-sitter.wasm'), join(root, 'dist/web-tree-sitter.wasm'));
  cpSync(join(root, 'node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'), join(root, 'dist/tree-sitter-terraform.wasm'));
}

copyWasm();
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
  copyDocs();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  copyDocs();
}
