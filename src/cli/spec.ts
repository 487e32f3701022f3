// Declarative command metadata. Each command is one file exporting a CommandSpec; flags are defined
// once, and parsing (util.parseArgs) and --help text are both generated from these definitions.

import type { Out } from './stdio.js';

export interface FlagSpec {
  name: string;
  short?: string;
  type: 'boolean' | 'string';
  description: string;
  /** Placeholder shown in help for string flags (`N`, `DIR`). */
  value?: string;
  multiple?: boolean;
}

export interface PositionalSpec { name: string; description: string; optional?: boolean; variadic?: boolean }

export interface CommandContext {
  flags: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  stdout: Out;
  stderr: Out;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** Extra help text (grammar, examples); printed after the flags. */
  details?: string;
  positionals?: PositionalSpec[];
  flags: FlagSpec[];
  /** Returns the process exit code. */
  run(ctx: CommandContext): Promise<number>;
}

export const ROOT_FLAG: FlagSpec = { name: 'root', type: 'string', value: 'DIR', description: 'Index root (default: nearest ancestor with .ax/)' };
export const JSON_FLAG: FlagSpec = { name: 'json', type: 'boolean', description: 'Print one JSON document (stable, documented in docs/json.md)' };
export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', type: 'boolean', description: 'Show help for this command' };

export function defineCommand(spec: CommandSpec): CommandSpec {
  return spec;
}

export function commandHelp(c: CommandSpec): string {
  const pos = (c.positionals ?? []).map((p) => {
    const n = p.variadic ? `${p.name}...` : p.name;
    return p.optional ? `[${n}]` : n;
  });
  const lines = [`ax ${c.name} — ${c.summary}`, '', `Usage: ax ${c.name}${c.flags.length ? ' [flags]' : ''}${pos.length ? ' ' + pos.join(' ') : ''}`];
  if (c.positionals?.length) {
    lines.push('', 'Arguments:');
    for (const p of c.positionals) lines.push(`  ${p.name.padEnd(24)} ${p.description}`);
  }
  const flags = [...c.flags, HELP_FLAG];
  lines.push('', 'Flags:');
  for (const f of flags) {
    const left = `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.type === 'string' ? ` ${f.value ?? 'VALUE'}` : ''}`;
    lines.push(`  ${left.padEnd(28)} ${f.description}`);
  }
  if (c.details) lines.push('', c.details.trimEnd());
  return lines.join('\n') + '\n';
}
