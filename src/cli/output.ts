// Shared output helpers: JSON printing, colour only on a TTY (and never with NO_COLOR), error reports.
import type { Out } from './stdio.js';
import { isAxError } from '../core/errors.js';

export function useColor(stream: Out): boolean {
  if (stream.color !== undefined) return stream.color;
  return stream.isTTY === true && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

export function paint(on: boolean) {
  const wrap = (code: string) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { bold: wrap('1'), dim: wrap('2'), red: wrap('31'), green: wrap('32'), yellow: wrap('33'), cyan: wrap('36'), magenta: wrap('35') };
}

export function printJson(stream: Out, value: unknown): void {
  stream.write(JSON.stringify(value, null, 2) + '\n');
}

export function reportError(e: unknown, json: boolean, stdout: Out, stderr: Out): number {
  if (isAxError(e)) {
    if (json) printJson(stdout, { error: e.toJSON() });
    else {
      stderr.write(`ax: error: ${e.message}\n`);
      if (e.hint) stderr.write(`  hint: ${e.hint}\n`);
    }
    return e.code === 'E_NOTHING_INDEXED' || e.code === 'E_USAGE' ? 2 : 1;
  }
  const err = e as Error;
  if (json) printJson(stdout, { error: { code: 'E_INTERNAL', message: err.message } });
  stderr.write(`ax: internal error: ${err.stack ?? String(e)}\n  please report this with the command you ran\n`);
  return 1;
}

/**
 * `n.toLocaleString('en-US')` for a count ("12,345"), without ICU for integers: the first
 * toLocaleString of a process builds V8's number formatter from ICU's locale data, which cost `ax
 * status` more than the rest of its work.
 */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Free pages worth mentioning with a hint to run `ax db vacuum` (after `ax db migrate`, `ax index`). */
export const VACUUM_HINT_MIN_BYTES = 64 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, '0')}s`;
}
