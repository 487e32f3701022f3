// The line index must name, for any line, the true start of its block, whichever way the newlines
// were found (in the decoded text when it is ASCII, in the bytes otherwise), and refuse what it does
// not know.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { encodeLineIndex, LINE_BLOCK, LineIndex } from './lineindex.js';

/** Offsets where lines 1, 2, ... start, as splitting the bytes at '\n' gives them. */
function trueStarts(buf: Buffer): number[] {
  const st = [0];
  for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) st.push(i + 1);
  return st;
}

test('every line maps to the start of its block, and the block ends where the next one starts', () => {
  const bytes = fc.array(fc.oneof(fc.constantFrom(10, 10, 10, 97, 0xc3, 0xa9, 0xe6, 0x97, 0xa5, 0xff), fc.integer({ min: 0, max: 255 })), { maxLength: 300 });
  fc.assert(fc.property(bytes, fc.integer({ min: 0, max: 3 }), (b, log2) => {
    const buf = Buffer.from(b);
    const step = 2 ** log2;
    const text = buf.toString('utf8');
    const blob = encodeLineIndex(buf, text, log2);
    assert.deepEqual(encodeLineIndex(buf, undefined, log2), blob, 'the same from bytes alone');
    const st = trueStarts(buf);
    // A line that holds at least one byte, beyond the first block, is what makes a table.
    const lastLine = st.length - (st.at(-1) === buf.length ? 1 : 0);
    if (lastLine <= step) { assert.equal(blob, null); return; }
    const li = LineIndex.of(blob)!;
    assert.ok(li);
    for (let line = 1; line <= lastLine + 3; line++) {
      const first = li.blockLine(line);
      assert.ok(first <= line && first % step === 1 % step, `line ${line}: block at ${first}`);
      assert.equal(li.blockStart(line), st[first - 1], `line ${line}`);
      if (line <= lastLine) assert.ok(line < first + step, 'a line within the table sits in its own block');
      const end = li.blockEnd(line);
      if (end !== undefined) assert.equal(end, st[first + step - 1]);
      else assert.ok(first + step > lastLine, 'only the last block has no end');
    }
  }), { numRuns: 2000 });
});

test('ASCII text is read from the string, other text from the bytes, with the same result', () => {
  const ascii = Buffer.from(Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join(''));
  const blob = encodeLineIndex(ascii, ascii.toString('utf8'))!;
  assert.equal(blob[0], 1);
  assert.equal(Math.log2(LINE_BLOCK), blob[1]);
  assert.equal(LineIndex.of(blob)!.blockStart(LINE_BLOCK + 1), ascii.indexOf(`line ${LINE_BLOCK}\n`));
  const mixed = Buffer.from(Array.from({ length: 100 }, (_, i) => `é ${i}\n`).join(''));
  assert.equal(LineIndex.of(encodeLineIndex(mixed, mixed.toString('utf8')))!.blockStart(2 * LINE_BLOCK + 5), mixed.indexOf(`é ${2 * LINE_BLOCK}\n`));
  // Invalid UTF-8 decodes to one U+FFFD per byte here: as long as the bytes, but not ASCII.
  const invalid = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('\n'.repeat(40)), Buffer.from('x')]);
  assert.equal(invalid.toString('utf8').length, invalid.length);
  assert.equal(LineIndex.of(encodeLineIndex(invalid, invalid.toString('utf8')))!.blockStart(LINE_BLOCK + 1), 2 + LINE_BLOCK);
});

test('short files have no table; unknown formats and damaged tables are refused', () => {
  assert.equal(encodeLineIndex(Buffer.from('a\n'.repeat(LINE_BLOCK))), null, 'the line after the last newline holds nothing');
  assert.notEqual(encodeLineIndex(Buffer.from('a\n'.repeat(LINE_BLOCK) + 'b')), null);
  assert.equal(LineIndex.of(null), undefined);
  assert.equal(LineIndex.of(new Uint8Array([2, 5, 0, 0, 0, 1])), undefined, 'format 2 is unknown');
  assert.equal(LineIndex.of(new Uint8Array([1, 5, 0, 0, 1])), undefined, 'not whole uint32s');
  assert.equal(LineIndex.of(new Uint8Array([1, 40, 0, 0, 0, 1])), undefined, 'absurd block size');
});
