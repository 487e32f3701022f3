// lines.ts reads context lines from bytes and rules out files before their refs blob is read; both must
// agree with what the index and the old code computed: the line of the decoded text, and "the lexer
// found the name as a token here" implying mayHoldToken.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { lineStarts, scanIdentifiers } from '../lang/lexer.js';
import { LANGUAGES } from '../lang/registry.js';
import { DEFAULT_IDENTIFIER } from '../lang/spec.js';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeLineIndex, LineIndex } from '../store/lineindex.js';
import { BlockReader, FileLines, linesAscending, linesOf, mayHoldToken, ScratchReader } from './lines.js';

/** The previous way: decode the whole file, index every line start, slice. */
function lineOfDecoded(buf: Buffer, line: number): string {
  const t = buf.toString('utf8');
  const st = [0];
  for (let i = t.indexOf('\n'); i >= 0; i = t.indexOf('\n', i + 1)) st.push(i + 1);
  const start = st[line - 1];
  if (start === undefined) return '';
  return t.slice(start, st[line] !== undefined ? st[line]! - 1 : t.length);
}

test('linesOf gives the lines of the decoded text (any bytes, any order of lines)', () => {
  const bytes = fc.array(fc.oneof(fc.constantFrom(10, 13, 32, 97, 0xc3, 0xa9, 0xe6, 0x97, 0xa5, 0xef, 0xbb, 0xbf, 0xff), fc.integer({ min: 0, max: 255 })), { maxLength: 200 });
  fc.assert(fc.property(bytes, fc.array(fc.integer({ min: -1, max: 40 }), { maxLength: 12 }), (b, lines) => {
    const buf = Buffer.from(b);
    const want = lines.map((l) => lineOfDecoded(buf, l));
    assert.deepEqual(linesOf(buf, lines), want);
    for (const window of [1, 2, 7]) assert.deepEqual(linesOf(buf, lines, window), want, `window ${window}`); // lines across windows
  }), { numRuns: 3000 });
  assert.deepEqual(linesOf(Buffer.from('\ufeffa\r\nbé\n\nd'), [4, 1, 2, 3, 5]), ['d', '\ufeffa\r', 'bé', '', '']);
});

test('linesAscending gives the lines of the decoded text (ascending lines with repeats, and any order)', () => {
  const bytes = fc.array(fc.oneof(fc.constantFrom(10, 10, 13, 32, 97, 0xc3, 0xa9, 0xe6, 0x97, 0xa5, 0xff), fc.integer({ min: 0, max: 255 })), { maxLength: 200 });
  fc.assert(fc.property(bytes, fc.array(fc.integer({ min: -1, max: 40 }), { maxLength: 12 }), fc.boolean(), (b, lines, sorted) => {
    const buf = Buffer.from(b);
    const ask = sorted ? [...lines].sort((x, y) => x - y) : lines;
    const want = ask.map((l) => lineOfDecoded(buf, l));
    assert.deepEqual(linesAscending(buf, ask), want);
    for (const window of [1, 2, 7]) assert.deepEqual(linesAscending(buf, ask, window), want, `window ${window}`);
  }), { numRuns: 3000 });
  assert.deepEqual(linesAscending(Buffer.from('a\nb\n'), [1, 1, 2, 3, 4]), ['a', 'a', 'b', '', '']);
  assert.deepEqual(linesAscending(Buffer.alloc(0), [1, 2]), ['', '']);
});

test('FileLines gives what splitting the decoded file gives (line and slice, any bytes)', () => {
  const bytes = fc.array(fc.oneof(fc.constantFrom(10, 13, 32, 97, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xff), fc.integer({ min: 0, max: 255 })), { maxLength: 120 });
  fc.assert(fc.property(bytes, fc.array(fc.tuple(fc.integer({ min: -1, max: 30 }), fc.integer({ min: 0, max: 30 })), { maxLength: 8 }), (b, probes) => {
    const buf = Buffer.from(b);
    const split = buf.toString('utf8').split('\n');
    // Split at once, and scanned lazily in windows of the default size and of a few bytes.
    for (const fl of [new FileLines(buf), new FileLines(buf, 0), new FileLines(buf, 0, 1), new FileLines(buf, 0, 5)]) {
      for (const [a, z] of probes) {
        assert.equal(fl.line(a), a >= 1 ? split[a - 1] : undefined);
        assert.deepEqual(fl.slice(Math.max(0, a), z), split.slice(Math.max(0, a), z));
      }
    }
  }), { numRuns: 3000 });
  const none = new FileLines(undefined);
  assert.equal(none.line(1), undefined);
  assert.deepEqual(none.slice(0, 5), []);
  assert.deepEqual(new FileLines(Buffer.alloc(0)).slice(0, 3), ['']);
});

test('mayHoldToken is true wherever a language lexer finds the name as a token', () => {
  const patterns = [...new Set([DEFAULT_IDENTIFIER, ...LANGUAGES.map((l) => l.identifier ?? DEFAULT_IDENTIFIER)])].map((p) => new RegExp(p, 'g'));
  const text = fc.string({ unit: fc.constantFrom(...'ab_Z09$-\'?!@#:.é日 \n('.split('')), maxLength: 40 });
  fc.assert(fc.property(text, (t) => {
    const buf = Buffer.from(t);
    for (const re of patterns) {
      for (const name of scanIdentifiers(t, lineStarts(t), [], re, new Set()).keys()) {
        assert.ok(mayHoldToken(buf, Buffer.from(name)), `${re.source}: "${name}" in ${JSON.stringify(t)}`);
      }
    }
  }), { numRuns: 1500 });
  // It does rule out files where the name only occurs inside longer words.
  assert.equal(mayHoldToken(Buffer.from('schedule_timeout_uninterruptible(x); xschedule_timeout'), Buffer.from('schedule_timeout')), false);
  assert.equal(mayHoldToken(Buffer.from('a = schedule_timeout(x);'), Buffer.from('schedule_timeout')), true);
  assert.equal(mayHoldToken(Buffer.from('1schedule_timeout'), Buffer.from('schedule_timeout')), true);
});

test('ScratchReader gives each file\'s bytes, growing past its first buffer, and undefined when a file cannot be read', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-scratch-'));
  try {
    const sizes = [0, 10, 65535, 65536, 65537, 300_000, 5, 1 << 20];
    const files = sizes.map((n, i) => {
      const f = path.join(dir, `f${i}`);
      writeFileSync(f, Buffer.from(Array.from({ length: n }, (_, k) => (k * 31 + i) & 0xff)));
      return f;
    });
    const reader = new ScratchReader();
    for (const [i, f] of files.entries()) {
      const got = reader.read(f);
      assert.ok(got, f);
      assert.equal(got.length, sizes[i]);
      assert.ok(got.equals(Buffer.from(Array.from({ length: sizes[i]! }, (_, k) => (k * 31 + i) & 0xff))), `content of ${f}`);
    }
    assert.equal(reader.read(path.join(dir, 'missing')), undefined);
    assert.equal(reader.read(dir), undefined); // a directory
    assert.equal(reader.read(files[1]!)?.length, 10); // still usable after failures
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('BlockReader reads the lines linesAscending finds, through the line index, and nothing from a file changed since', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ax-blocks-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'f.c');
  const reader = new BlockReader();
  const bytes = fc.array(fc.oneof(fc.constantFrom(10, 10, 10, 13, 97, 0xc3, 0xa9, 0xe6, 0x97, 0xa5, 0xff), fc.integer({ min: 0, max: 255 })), { maxLength: 300 });
  fc.assert(fc.property(bytes, fc.integer({ min: 0, max: 3 }), fc.array(fc.integer({ min: -1, max: 120 }), { maxLength: 12 }), (b, log2, lines) => {
    const buf = Buffer.from(b);
    const index = LineIndex.of(encodeLineIndex(buf, undefined, log2));
    if (!index) return;
    writeFileSync(file, buf);
    const st = statSync(file);
    const ask = [...lines].sort((x, y) => x - y);
    assert.deepEqual(reader.read(file, ask, index, buf.length, Math.trunc(st.mtimeMs)), linesAscending(buf, ask));
  }), { numRuns: 400 });
  const text = Buffer.from(Array.from({ length: 200 }, (_, i) => `int v${i};`).join('\n'));
  writeFileSync(file, text);
  const index = LineIndex.of(encodeLineIndex(text))!;
  const mtime = Math.trunc(statSync(file).mtimeMs);
  assert.deepEqual(reader.read(file, [1, 33, 33, 64, 65, 200, 201], index, text.length, mtime), ['int v0;', 'int v32;', 'int v32;', 'int v63;', 'int v64;', 'int v199;', '']);
  assert.equal(reader.read(file, [1], index, text.length + 1, mtime), undefined, 'another size: not the file indexed');
  assert.equal(reader.read(file, [1], index, text.length, mtime - 1000), undefined, 'another mtime: not the file indexed');
  assert.equal(reader.read(path.join(dir, 'gone.c'), [1], index, text.length, mtime), undefined);
});
