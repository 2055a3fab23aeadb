/** The `imported` section of an estate (schemas/estate.schema.json#/definitions/imported). */

/** Where something came from: an input file, a JSON pointer into it, and its line. */
export interface SourceAt { file: string; pointer: string; line?: number }

export interface ImportSource {
  kind: 'cloudformation' | 'cdk' | 'terraform' | 'aws';
  file?: string;
  stack?: string;
  account?: string;
  region?: string;
}

/** A value known only after deploy (or not given), and the stand-in the estate uses. */
export interface ImportedPlaceholder {
  name: string;
  value: string;
  meaning: string;
  source?: SourceAt;
}

/** A resource (or a link between resources) crossgate did not bring into the estate, and why. */
export interface SkippedResource {
  resource: string;
  type: string;
  reason: string;
  source?: SourceAt;
}

export interface EstateImport {
  from: ImportSource[];
  /** Estate JSON pointer (a role, its trust policy, an inline or managed policy, an API, a route) → its origin. */
  locations: Record<string, SourceAt & { resource: string }>;
  placeholders: ImportedPlaceholder[];
  skipped: SkippedResource[];
}
