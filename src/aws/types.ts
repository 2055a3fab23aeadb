/** Where AWS calls go: real AWS (SDK default endpoints) or the embedded AWS. */
export interface Target {
  kind: 'embedded' | 'aws';
  region: string;
  /** The embedded AWS's base URL; undefined for real AWS (AWS_ENDPOINT_URL* still apply there). */
  endpoint?: string;
}

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
