/** Writing a generated estate's files to a directory (the only I/O of src/estategen). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFiles } from './generateEstate.ts';

export function writeGenerated(generated: GeneratedFiles, dir: string): string[] {
  const written: string[] = [];
  for (const [rel, text] of generated.files) {
    const file = join(dir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    written.push(file);
  }
  return written;
}
