/**
 * Positions in a text, one way for all of crossgate: line and column from 1, offset
 * from 0 (UTF-16 code units), and LF, CRLF and a lone CR each end a line. Wire formats
 * that count otherwise convert at their edge (Access Analyzer's column starts at 0).
 */

/** A place in a text: 1-based line and column, 0-based offset. */
export interface SourcePosition {
  line: number;
  column: number;
  offset: number;
}

/** An extent of a text: where it starts and where it ends. */
export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

/** The offsets at which each line of a text starts (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The position of an offset, given the text's line starts (lineStarts). */
export function positionAt(starts: readonly number[], offset: number): SourcePosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] as number) + 1, offset };
}

/** A text's positions, its line starts computed once: the object a caller holds while it converts many offsets. */
export class TextPositions {
  readonly starts: readonly number[];

  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }

  at(offset: number): SourcePosition {
    return positionAt(this.starts, offset);
  }
}
