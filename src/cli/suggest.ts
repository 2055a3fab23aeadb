/**
 * Closest step patterns for a step text nobody defined: the patterns with their
 * parameters blanked out, ranked by word overlap and edit distance.
 */

function words(s: string): string[] {
  return s.toLowerCase().replace(/\{[^}]*\}|"[^"]*"|\/\S*/g, ' ').split(/[^a-z0-9_-]+/).filter(Boolean);
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** Up to `n` patterns, best first. */
export function closestPatterns(text: string, patterns: string[], n = 3): string[] {
  const tw = new Set(words(text));
  const plain = text.toLowerCase();
  return patterns
    .map((p) => {
      const pw = words(p);
      const overlap = pw.filter((w) => tw.has(w)).length / Math.max(1, new Set([...pw, ...tw]).size);
      const distance = levenshtein(plain, p.toLowerCase()) / Math.max(plain.length, p.length);
      return { p, score: overlap - 0.5 * distance };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, n)
    .map((x) => x.p);
}
