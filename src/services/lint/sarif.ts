// SARIF 2.1.0 output for CI (GitHub code scanning): one run, the rules that were active as
// tool.driver.rules, each finding a result with a physical location relative to %SRCROOT% (the lint
// root), a partial fingerprint (the baseline fingerprint, stable across line moves) and its fix, if any.
// Checked against the OASIS SARIF 2.1.0 JSON schema in sarif.test.ts.

import type { Finding } from './engine.js';
import type { Rule, Severity } from './schema.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

function uri(p: string): string {
  return p.split('/').map(encodeURIComponent).join('/');
}

export function toSarif(rules: readonly Rule[], findings: readonly Finding[], opts: { version: string; rootUri?: string }): object {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'ax lint',
          version: opts.version,
          rules: rules.map((r) => ({
            id: r.id,
            name: r.id.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
            shortDescription: { text: r.message.replace(/\{\{\s*[\w.-]+\s*\}\}/g, '…') },
            fullDescription: { text: r.description || r.message },
            ...(r.url ? { helpUri: r.url } : {}),
            help: { text: r.description || r.message },
            defaultConfiguration: { level: LEVEL[r.severity] },
            properties: {
              tags: r.tags, languages: r.languages, ...(r.pack ? { pack: r.pack } : {}),
              // GitHub code scanning ranks security alerts by this (0-10, as a string).
              ...(r.tags.includes('security') ? { 'security-severity': SECURITY_SEVERITY[r.severity] } : {}),
            },
          })),
        },
      },
      ...(opts.rootUri ? { originalUriBaseIds: { '%SRCROOT%': { uri: opts.rootUri.endsWith('/') ? opts.rootUri : opts.rootUri + '/' } } } : {}),
      columnKind: 'utf16CodeUnits',
      results: findings.map((f) => ({
        ruleId: f.rule,
        ...(index.has(f.rule) ? { ruleIndex: index.get(f.rule) } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: uri(f.path), uriBaseId: '%SRCROOT%' },
            region: { startLine: f.line, startColumn: f.col, endLine: f.endLine, endColumn: f.endCol, snippet: { text: f.source } },
          },
        }],
        ...(f.fingerprint ? { partialFingerprints: { 'axLint/v1': f.fingerprint } } : {}),
        ...(f.fix ? { fixes: [fixOf(f)] } : {}),
      })),
    }],
  };
}

function fixOf(f: Finding): object {
  return {
    description: { text: `ax lint fix for ${f.rule}` },
    artifactChanges: [{
      artifactLocation: { uri: uri(f.path), uriBaseId: '%SRCROOT%' },
      replacements: [{ deletedRegion: { charOffset: f.fix!.start, charLength: f.fix!.end - f.fix!.start }, insertedContent: { text: f.fix!.text } }],
    }],
  };
}
