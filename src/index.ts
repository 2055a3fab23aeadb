/**
 * crossgate as a library: start the embedded AWS from a test suite of one's own
 * (node:test, Vitest, Jest, Mocha), the way LocalStack or Testcontainers are started.
 *
 *   const aws = await startEmbeddedAws({ estate: 'estates/seed.json' });
 *   const sts = new STSClient({ endpoint: aws.url, region: aws.region, credentials: aws.credentialsFor('ci-caller') });
 *   …
 *   await aws.close();
 *
 * See docs/library.md.
 */
import { resolve } from 'node:path';
import { buildState, loadEstateFile, startEmulator, type EmulatorState, type Estate, type RunningEmulator } from './emulator/index.ts';
import { schemaValidator } from './util/schemas.ts';
import { validateOrThrow } from './util/jsonFile.ts';

export type { Estate } from './emulator/index.ts';

export interface EmbeddedAwsOptions {
  /** The estate: a file (JSON, plain or overlay) or an estate object. */
  estate: string | Estate;
  /** Loopback by default. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

/** Long-term credentials of an estate user, in the AWS SDK v3 credentials shape. */
export interface EmbeddedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface EmbeddedAws {
  /** Endpoint for every service, e.g. http://127.0.0.1:40123 (pass as `endpoint` or AWS_ENDPOINT_URL). */
  url: string;
  /** The estate's region. */
  region: string;
  /**
   * The access key of the estate user `name` (or `ACCOUNT_ID/name` where two accounts have
   * a user of that name). Throws, naming the users there are, when there is none.
   */
  credentialsFor(name: string): EmbeddedCredentials;
  /** Stop the server; resolves once every connection is closed. */
  close(): Promise<void>;
}

/** Start crossgate's embedded AWS loaded with an estate. */
export async function startEmbeddedAws(options: EmbeddedAwsOptions): Promise<EmbeddedAws> {
  const estate = typeof options.estate === 'string'
    ? loadEstateFile(resolve(options.estate))
    : validateOrThrow<Estate>('estate', structuredClone(options.estate), schemaValidator('estate'));
  const source = typeof options.estate === 'string' ? options.estate : 'estate';
  const state = buildState(estate, source);
  const emulator: RunningEmulator = await startEmulator({ state, host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  return {
    url: emulator.url,
    region: state.region,
    credentialsFor: (name) => userCredentials(state, name),
    close: () => emulator.close(),
  };
}

function userCredentials(state: EmulatorState, name: string): EmbeddedCredentials {
  const slash = name.indexOf('/');
  const [account, user] = slash === -1 ? [undefined, name] : [name.slice(0, slash), name.slice(slash + 1)];
  const users = [...state.credentials.records()].flatMap((r) => (r.subject.kind === 'user' && r.status === 'Active' ? [{ record: r, subject: r.subject }] : []));
  const matches = users.filter(({ subject }) => subject.userName === user && (account === undefined || subject.accountId === account || state.iam.accounts.get(subject.accountId)?.alias === account));
  const accounts = new Set(matches.map((m) => m.subject.accountId));
  if (matches.length === 0) {
    const known = [...new Set(users.map(({ subject }) => `${subject.accountId}/${subject.userName}`))];
    throw new Error(`the estate has no user '${name}' with an active access key (users: ${known.join(', ') || 'none'})`);
  }
  if (accounts.size > 1) throw new Error(`'${name}' names a user in ${accounts.size} accounts: say which, e.g. '${matches[0]!.subject.accountId}/${user}'`);
  const { record } = matches[0]!;
  return { accessKeyId: record.accessKeyId, secretAccessKey: record.secretAccessKey };
}
