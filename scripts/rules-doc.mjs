// Rewrite rules/README.md, the catalogue of built-in rules, from the rule files (see
// src/services/lint/catalog.ts). Run after `node scripts/build.mjs`; catalog.test.ts checks it is current.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { builtinPacks, loadPack } = await import(path.join(root, 'dist/services/lint/loader.js'));
const { renderCatalog } = await import(path.join(root, 'dist/services/lint/catalog.js'));
const rules = [];
for (const p of builtinPacks()) rules.push(...(await loadPack(p)));
writeFileSync(path.join(root, 'rules', 'README.md'), renderCatalog(rules));
console.log(`rules/README.md: ${rules.length} rules`);
