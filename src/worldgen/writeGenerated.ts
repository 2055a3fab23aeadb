/** Writing a generated world's files to a directory (the only I/O of src/worldgen). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFiles } from './generateWorld.ts';

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
