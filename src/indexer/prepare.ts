// Everything done to one file before it reaches the store, in a worker thread: read, classify (binary,
// too large, minified, language), hash, extract facts, chunk, encode refs. A failure here is recorded
// as a skip with a reason; it never escapes to fail the run.

import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { isAxError } from '../core/errors.js';
import { countRefs, type SkipReason } from '../core/types.js';
import { extract } from '../lang/engine.js';
import { detectByPath, detectByShebangBytes, mayHaveShebang, needsSniff, refineByContent, SNIFF_CHARS } from '../lang/detect.js';
import type { LanguageSpec } from '../lang/spec.js';
import { packSymbols, type FileRecord } from '../store/records.js';
import { encodeCalls } from '../store/callsblob.js';
import { encodeLineIndex } from '../store/lineindex.js';
import { encodeRefs } from '../store/refsblob.js';
import { chunkFile } from './chunks.js';

export interface PrepareTask { rel: string; abs: string; size: number; mtimeMs: number; knownHash?: string }
export interface PrepareLimits { maxFileSize: number; maxLineLength: number }

export type PrepareResult =
  | { kind: 'file'; record: FileRecord; decodeWarning: boolean }
  | { kind: 'unchanged'; path: string; mtimeMs: number }
  | { kind: 'skip'; path: string; reason: SkipReason; detail: string };

const SNIFF = 8192;

function hasNul(buf: Buffer): boolean {
  return buf.subarray(0, Math.min(buf.length, SNIFF)).includes(0);
}

function utf16Bom(buf: Buffer): string | undefined {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'UTF-16LE';
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return 'UTF-16BE';
  return undefined;
}

/**
 * Read a file that the walk saw as regular. It may since have vanished (ENOENT) or been replaced by a
 * FIFO or device: O_NONBLOCK keeps the open from hanging on a FIFO, and fstat refuses non-files.
 */
function readRegularFile(abs: string): Buffer {
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'E_NOT_REGULAR' });
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

function longestLine(text: string, limit: number): number {
  let start = 0, max = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    if (end - start > max) { max = end - start; if (max > limit) return max; }
    if (nl === -1) return max;
    start = nl + 1;
  }
}

export async function prepareFile(t: PrepareTask, limits: PrepareLimits): Promise<PrepareResult> {
  const skip = (reason: SkipReason, detail: string): PrepareResult => ({ kind: 'skip', path: t.rel, reason, detail });
  let spec: LanguageSpec | undefined = detectByPath(t.rel);
  if (!spec && !mayHaveShebang(t.rel)) return skip('unsupported', 'no language for this file type');
  if (t.size > limits.maxFileSize) return skip('too-large', `${t.size} bytes > maxFileSize ${limits.maxFileSize}`);
  let buf: Buffer;
  try {
    buf = readRegularFile(t.abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return skip('unreadable', 'ENOENT: vanished during the run');
    if (code === 'E_NOT_REGULAR') return skip('not-regular', 'no longer a regular file');
    return skip('unreadable', code ?? String(e));
  }
  if (buf.length > limits.maxFileSize) return skip('too-large', `${buf.length} bytes > maxFileSize ${limits.maxFileSize}`);
  if (!spec) {
    spec = detectByShebangBytes(buf);
    if (!spec) return skip('unsupported', 'no language for this file type');
  }
  if (needsSniff(t.rel) && !(spec = refineByContent(spec, t.rel, buf.subarray(0, SNIFF_CHARS).toString('latin1')))) return skip('unsupported', 'content is not a supported language');
  const bom = utf16Bom(buf);
  if (bom) return skip('encoding', `${bom} text (byte-order mark); only UTF-8 is indexed`);
  if (hasNul(buf)) return skip('binary', 'NUL byte in the first 8 KiB');
  const hash = createHash('sha1').update(buf).digest('hex');
  if (t.knownHash === hash) return { kind: 'unchanged', path: t.rel, mtimeMs: t.mtimeMs };
  const text = buf.toString('utf8');
  const longest = longestLine(text, limits.maxLineLength);
  if (longest > limits.maxLineLength) return skip('minified', `a line of ${longest}+ characters > maxLineLength ${limits.maxLineLength}`);
  // Invalid UTF-8 decodes to U+FFFD; the file is still indexed, and the run reports a warning.
  const decodeWarning = text.includes('\uFFFD') && !buf.includes(Buffer.from([0xef, 0xbf, 0xbd]));

  let facts;
  try {
    facts = await extract(spec, text);
  } catch (e) {
    if (isAxError(e) && e.code === 'E_GRAMMAR') return skip('grammar-unavailable', e.message);
    return skip('parse-failed', (e as Error).message);
  }
  const lines = text.split('\n');
  return {
    kind: 'file',
    decodeWarning,
    record: {
      path: t.rel,
      lang: spec.id,
      size: buf.length,
      mtimeMs: t.mtimeMs,
      hash,
      lines: text.endsWith('\n') ? lines.length - 1 : lines.length,
      parseErrors: facts.parseErrors,
      refCount: countRefs(facts.refs),
      refsBlob: encodeRefs(facts.refs, encodeLineIndex(buf, text)),
      symbols: packSymbols(facts.symbols),
      callsBlob: encodeCalls(facts.calls),
      imports: facts.imports,
      chunks: chunkFile(lines, facts.symbols, facts.refs),
    },
  };
}
