/** Prints docs/access-analyzer-checks.md (see src/analyzer/referenceDoc.ts). */
import { referenceMarkdown } from '../src/analyzer/referenceDoc.ts';

process.stdout.write(referenceMarkdown());
