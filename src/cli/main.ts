// ax command-line entry. Parses the command name, then that command's flags from its declarative
// spec. Commands import their services lazily inside run(), so `ax --version`/`ax status` never load
// Tree-sitter or grammars.

import { parseArgs } from 'node:util';
import { AxError } from '../core/errors.js';
import { COMMANDS } from './commands/all.js';
import { commandHelp, HELP_FLAG, type CommandSpec } from './spec.js';
import { reportError } from './output.js';
import { directOut, type Out } from './stdio.js';

export const VERSION = '0.1.0';

function globalHelp(): string {
  const lines = ['ax — local-first code intelligence', '', 'Usage: ax <command> [flags] [args]', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(12)} ${c.summary}`);
  lines.push('', 'Run `ax <command> --help` for its flags. `ax --version` prints the version.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  return runArgv(argv, directOut(1), directOut(2));
}

/** One command line, its output to `stdout` and `stderr` (the process's, or a query client's buffers). */
export async function runArgv(argv: string[], stdout: Out, stderr: Out): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' && rest[0] ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    stdout.write(target ? commandHelp(target) : globalHelp());
    return 0;
  }
  if (name === '--version' || name === '-V' || name === 'version') { stdout.write(VERSION + '\n'); return 0; }
  const cmd = COMMANDS.find((c) => c.name === name);
  const json = rest.includes('--json');
  if (!cmd) {
    return reportError(new AxError('E_USAGE', `unknown command "${name}"`, { hint: `commands: ${COMMANDS.map((c) => c.name).join(', ')}` }), json, stdout, stderr);
  }
  let parsed;
  try {
    parsed = parse(cmd, rest);
  } catch (e) {
    const msg = (e as Error).message;
    return reportError(e instanceof AxError ? e : new AxError('E_USAGE', msg, { hint: `see \`ax ${cmd.name} --help\`` }), json, stdout, stderr);
  }
  if (parsed.values.help) { stdout.write(commandHelp(cmd)); return 0; }
  try {
    return await cmd.run({ flags: parsed.values, positionals: parsed.positionals, stdout, stderr });
  } catch (e) {
    return reportError(await userFacing(e), json, stdout, stderr);
  }
}

/** SQLite errors that escaped a service (damaged page, busy, disk full) as AxErrors with a hint. */
async function userFacing(e: unknown): Promise<unknown> {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return e;
  return (await import('../services/db-errors.js')).asUserError(e);
}

function parse(cmd: CommandSpec, args: string[]) {
  const options: Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> = {};
  for (const f of [...cmd.flags, HELP_FLAG]) {
    options[f.name] = { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) };
  }
  const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  const pos = cmd.positionals ?? [];
  const max = pos.some((p) => p.variadic) ? Infinity : pos.length;
  const min = pos.filter((p) => !p.optional).length;
  if (!parsed.values.help) {
    if (parsed.positionals.length > max) throw new AxError('E_USAGE', `too many arguments for \`ax ${cmd.name}\``, { hint: `see \`ax ${cmd.name} --help\`` });
    if (parsed.positionals.length < min) throw new AxError('E_USAGE', `missing ${pos[parsed.positionals.length]!.name} for \`ax ${cmd.name}\``, { hint: `see \`ax ${cmd.name} --help\`` });
  }
  return parsed as { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
}
