// `ax db status|migrate|rollback|backup|restore|verify|vacuum`: index maintenance (docs/db.md).
import { AxError } from '../../core/errors.js';
import { defineCommand, JSON_FLAG, ROOT_FLAG } from '../spec.js';
import { formatBytes, formatCount, formatDuration, paint, printJson, useColor, VACUUM_HINT_MIN_BYTES } from '../output.js';

const ACTIONS = ['status', 'migrate', 'rollback', 'backup', 'restore', 'verify', 'vacuum'] as const;

export const dbCommand = defineCommand({
  name: 'db',
  summary: 'Index maintenance: status, migrate, rollback, backup, restore, verify, vacuum',
  positionals: [
    { name: 'ACTION', description: ACTIONS.join(' | ') },
    { name: 'FILE', description: 'backup: destination (default .ax/backups/index.<time>.db); restore: the backup to restore', optional: true },
  ],
  flags: [
    ROOT_FLAG, JSON_FLAG,
    { name: 'dry-run', type: 'boolean', description: 'migrate: print what would change, write nothing' },
    { name: 'no-hashes', type: 'boolean', description: 'verify: skip re-hashing indexed files against the disk' },
  ],
  details: [
    'status    schema version, applied migrations with SHA-256 checksums, size, last verify, backups',
    'migrate   bring the index to this ax\'s schema; takes a backup into .ax/backups/ first',
    'rollback  restore the backup taken before the last migration (none, after an additive step: drop its indexes)',
    'backup    online copy through SQLite\'s backup API (queries and `ax index` keep working)',
    'restore   check FILE fully (integrity, FTS, orphans, schema), then replace the index with it',
    'verify    integrity_check, FTS5 integrity-check, orphan rows, files changed on disk since indexing',
    'vacuum    rebuild the file without free pages',
    'Exit status: 0 ok; 1 error, or verify found damage. Stale files alone do not fail verify.',
    'JSON shapes and what each check means: docs/db.md.',
  ].join('\n'),
  async run({ flags, positionals, stdout }) {
    const svc = await import('../../services/db.js');
    const action = positionals[0];
    const file = positionals[1];
    const root = typeof flags.root === 'string' ? { root: flags.root } : {};
    const json = flags.json === true;
    const c = paint(useColor(stdout));
    const out = (s: string) => stdout.write(s + '\n');
    if (file && action !== 'backup' && action !== 'restore') throw new AxError('E_USAGE', `\`ax db ${action}\` takes no FILE`);
    switch (action) {
      case 'status': {
        const s = svc.dbStatus(root);
        if (json) { printJson(stdout, s); return s.problems.length ? 1 : 0; }
        out(`${c.bold('index')}     ${s.file}`);
        out(`schema    v${s.schemaVersion} (this ax: v${s.supportedVersion})${s.pending.length ? c.yellow(`, ${s.pending.length} migration(s) pending: run \`ax db migrate\``) : ''}`);
        for (const m of s.migrations) {
          out(`  v${m.version} ${m.name.padEnd(16)} sha256 ${m.checksum}  ${m.appliedAt}${m.state === 'ok' ? '' : c.red(`  ${m.state.toUpperCase()}`)}`);
        }
        out(`size      ${formatBytes(s.bytes)} (+ WAL ${formatBytes(s.walBytes)}), ${s.pages} pages of ${s.pageSize} B, ${s.freePages} free, journal ${s.journalMode}`);
        out(`rows      ${Object.entries(s.rows).map(([k, n]) => `${k} ${formatCount(n)}`).join(', ')}`);
        out(`integrity ${s.problems.length ? c.red(s.problems.join('; ')) : 'header and schema ok'}; last verify: ${s.lastVerify ? `${s.lastVerify.at} ${s.lastVerify.ok ? 'ok' : c.red('FAILED')}${s.lastVerify.stale ? `, ${s.lastVerify.stale} stale file(s)` : ''}` : 'never (run `ax db verify`)'}`);
        out(`backups   ${s.backups.length ? '' : 'none'}`);
        for (const b of s.backups) out(`  ${b}`);
        return s.problems.length ? 1 : 0;
      }
      case 'verify': {
        const r = svc.dbVerify({ ...root, hashes: flags['no-hashes'] !== true });
        if (json) { printJson(stdout, r); return r.ok ? 0 : 1; }
        out(`integrity_check   ${r.integrity.length === 1 && r.integrity[0] === 'ok' ? 'ok' : c.red(r.integrity.join('\n                  '))}`);
        out(`fts5 check        ${r.fts === 'ok' ? 'ok' : c.red(r.fts)}`);
        out(`schema            ${r.schema.length ? c.red(r.schema.join('; ')) : 'ok'}`);
        const orphans = Object.entries(r.orphans);
        out(`orphan rows       ${orphans.length ? c.red(orphans.map(([k, n]) => `${n} ${k}`).join(', ')) : 'none'}`);
        out(`files vs disk     ${r.filesChecked} checked, ${r.stale.length ? c.yellow(`${r.stale.length} changed since indexing (run \`ax index\`)`) : 'all match'}`);
        for (const s of r.stale.slice(0, 20)) out(`  ${s.state.padEnd(9)} ${s.path}`);
        if (r.stale.length > 20) out(`  ... ${r.stale.length - 20} more (--json lists all)`);
        out(`${r.ok ? c.green('ok') : c.red('DAMAGED: restore a backup (`ax db restore FILE`) or delete .ax and re-run `ax index`')} (${formatDuration(r.durationMs)})`);
        return r.ok ? 0 : 1;
      }
      case 'backup': {
        const r = await svc.dbBackup({ ...root, ...(file ? { dest: file } : {}) });
        if (json) printJson(stdout, r); else out(`backed up ${r.source} to ${r.file} (${formatBytes(r.bytes)}, ${formatDuration(r.durationMs)})`);
        return 0;
      }
      case 'restore': {
        if (!file) throw new AxError('E_USAGE', '`ax db restore` needs the backup FILE', { hint: '`ax db status` lists the backups in .ax/backups/' });
        const r = await svc.dbRestore({ ...root, src: file });
        if (json) printJson(stdout, r); else out(`checked and restored ${r.from} into ${r.file} (${formatBytes(r.bytes)}, ${formatDuration(r.durationMs)}); run \`ax index\` to catch up with the working tree`);
        return 0;
      }
      case 'vacuum': {
        const r = svc.dbVacuum(root);
        if (json) printJson(stdout, r); else out(`vacuumed ${r.file}: ${formatBytes(r.bytesBefore)} -> ${formatBytes(r.bytesAfter)} (${formatDuration(r.durationMs)})`);
        return 0;
      }
      case 'migrate': {
        const r = await svc.dbMigrate({ ...root, dryRun: flags['dry-run'] === true });
        if (json) { printJson(stdout, r); return 0; }
        if (r.steps.length === 0) { out(`index is at schema v${r.from}, the latest this ax knows: nothing to do`); return 0; }
        out(`${r.dryRun ? 'would migrate' : 'migrated'} ${r.file} from schema v${r.from} to v${r.to}:`);
        for (const s of r.steps) {
          out(`-- v${s.version} ${s.name} (sha256 ${s.checksum})`);
          out(s.sql);
        }
        if (r.backup) out(`backup taken first: ${r.backup} (\`ax db rollback\` restores it)`);
        if (r.applied && r.freeBytes >= VACUUM_HINT_MIN_BYTES) out(`${formatBytes(r.freeBytes)} of the file is now free space (dropped tables): \`ax db vacuum\` returns it to the disk`);
        else if (r.dryRun) out('(dry run: nothing written; without --dry-run a backup is taken first)');
        return 0;
      }
      case 'rollback': {
        const r = await svc.dbRollback(root);
        if (json) printJson(stdout, r); else out(`rolled ${r.file} back from schema v${r.from} to v${r.to} ${r.backup ? `using ${r.backup}` : '(an additive step: its indexes dropped)'}`);
        return 0;
      }
      default:
        throw new AxError('E_USAGE', `unknown db action "${action}"`, { hint: `use one of: ${ACTIONS.join(', ')}` });
    }
  },
});
