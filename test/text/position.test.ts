import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineStarts, positionAt, TextPositions } from '../../src/text/position.ts';

test('lines and columns count from 1, offsets from 0', () => {
  const at = new TextPositions('ab\ncd');
  assert.deepEqual(at.at(0), { line: 1, column: 1, offset: 0 }, 'the first character');
  assert.deepEqual(at.at(4), { line: 2, column: 2, offset: 4 }, 'the last character');
});

test('LF, CRLF and a lone CR each end one line', () => {
  assert.deepEqual(lineStarts('a\nb\r\nc\rd'), [0, 2, 5, 7], 'line starts');
  const at = new TextPositions('a\r\n  {');
  assert.deepEqual(at.at(5), { line: 2, column: 3, offset: 5 }, 'CRLF is one line end');
  assert.deepEqual(positionAt(lineStarts('x\r\r\ny'), 4), { line: 3, column: 1, offset: 4 }, 'CR then CRLF are two');
});

test('the same text gives the same positions whatever its line ends', () => {
  const lf = '{\n  "a": 1,\n  "b": 2\n}';
  const crlf = lf.replace(/\n/g, '\r\n');
  const b = (t: string) => new TextPositions(t).at(t.indexOf('"b"'));
  assert.deepEqual([b(lf).line, b(lf).column], [b(crlf).line, b(crlf).column], 'line and column agree');
});
