/**
 * Resource and NotResource values: ARN structure, partition, service, Region and
 * account, and (with a catalog) the service's documented ARN formats.
 */
import { ANY, type Glob, wildcardGlob } from '../glob/glob.ts';
import { intersects, single } from '../glob/sets.ts';
import type { Validation } from './context.ts';
import { type StringValue, checkVariableSyntax } from './values.ts';
import { splitArn } from '../../arn/index.ts';

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const WILD = /[*?]|\$\{/;

export function checkResourceValue(v: Validation, value: StringValue): void {
  const text = value.text;
  const variables = checkVariableSyntax(v, value);
  if (text === '*') return;
  if (!text.startsWith('arn:')) {
    v.report('INVALID_ARN_PREFIX', value.path, value.node);
    return;
  }
  const fields = arnFields(text);
  if (fields === undefined) {
    // A shortened pattern ending in a wildcard ('arn:aws:s3:*') is matched as one string.
    if (!/[*]/.test(text.slice(text.lastIndexOf(':') + 1))) v.report('MISSING_ARN_FIELD', value.path, value.node, { fields: 6 });
    return;
  }
  const [, partition = '', service = '', region = '', account = '', resource = ''] = fields;
  const at = (code: Parameters<Validation['report']>[0], params: Record<string, string> = {}) => v.report(code, value.path, value.node, params);

  if (/[*?]/.test(service)) at('WILDCARD_IN_SERVICE_NAME');
  else if (service !== service.toLowerCase()) at('INVALID_ARN_SERVICE_CASE');
  else if (!WILD.test(service) && service !== '' && v.catalog !== undefined && !v.catalog.hasService(service)) at('INVALID_SERVICE', { service });

  if (!WILD.test(partition) && !(PARTITIONS as readonly string[]).includes(partition)) {
    at('INVALID_PARTITION', { service, partition, partitions: PARTITIONS.join(', ') });
  }
  if (region !== '' && !WILD.test(region) && !REGION.test(region)) at('INVALID_ARN_REGION', { region });
  if (account !== '' && !WILD.test(account) && !/^\d{12}$/.test(account) && !(service === 'iam' && account === 'aws')) {
    at('INVALID_ARN_ACCOUNT', { account });
  }
  if (variables.length === 0 && !WILD.test(service)) checkFormats(v, value, service, region, account, resource);
}

interface Format {
  region: string;
  account: string;
  resource: Glob;
}

/** A catalog format's fields; '${…}' placeholders become wildcards. */
function format(arn: string): Format | undefined {
  const fields = arnFields(arn);
  if (fields === undefined) return undefined;
  const resource = (fields[5] ?? '').split(/\$\{[^}]*\}/).flatMap((piece, i) => (i === 0 ? wildcardGlob(piece) : [ANY, ...wildcardGlob(piece)]));
  return { region: fields[3] ?? '', account: fields[4] ?? '', resource };
}

function checkFormats(v: Validation, value: StringValue, service: string, region: string, account: string, resource: string): void {
  const formats = v.memo(`formats:${service}`, () => (v.catalog?.resourceArnFormats(service) ?? []).flatMap((a) => format(a) ?? []));
  if (formats.length === 0) return;
  const mine = single(wildcardGlob(resource));
  // Formats this value may name; an unknown answer (budget) counts as a match.
  const matching = formats.filter((f) => intersects([mine, single(f.resource)], v.budget).answer !== 'no');
  if (matching.length === 0) {
    v.report('INVALID_ARN_RESOURCE', value.path, value.node);
    return;
  }
  if (region === '' && matching.every((f) => f.region !== '')) v.report('MISSING_ARN_REGION', value.path, value.node, { service });
  if (region !== '' && !WILD.test(region) && matching.every((f) => f.region === '')) v.report('ARN_REGION_NOT_ALLOWED', value.path, value.node, { service });
  if (account !== '' && !WILD.test(account) && matching.every((f) => f.account === '')) v.report('ARN_ACCOUNT_NOT_ALLOWED', value.path, value.node, { service });
  if (account === '' && matching.every((f) => f.account !== '')) v.report('MISSING_ARN_ACCOUNT', value.path, value.node, { resourceName: resource });
}

/** The six fields of an ARN (the last keeps its colons), or undefined with fewer: src/arn's splitter. */
export const arnFields = splitArn;
