/** Reading a CloudFormation template: JSON, or YAML with CloudFormation's short-form tags. */
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import { UserError } from '../../../util/userError.ts';
import { jsonSource, yamlSource, type SourceFile } from '../sourceFile.ts';
import { SHORT_FORM_TAGS, shortFormToLong } from './intrinsics.ts';

export function readTemplate(file: string): SourceFile {
  if (!existsSync(file)) throw new UserError(`${file}: cannot read file (ENOENT)`);
  if (extname(file).toLowerCase() === '.json') return jsonSource(file);
  return yamlSource(file, SHORT_FORM_TAGS, shortFormToLong);
}
