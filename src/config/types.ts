/** crossgate.config.json (schemas/config.schema.json). */
export type CredentialSource =
  /** Embedded target: the estate user's key; without `user`, the account's local administrator. */
  | { source: 'estate'; user?: string }
  | { source: 'profile'; profile: string }
  | { source: 'env' }
  | { source: 'default' }
  /** No credentials: assumption attempts are decided by crossgate's engine, not probed live. */
  | { source: 'none' };

export interface ApiConfig {
  account: string; apiId: string; stage?: string; baseUrl?: string;
  /** aws target: send mutating requests (POST, PUT, PATCH, DELETE) live; off by default (they are simulated). */
  mutatingProbes?: boolean;
}
export interface RoleConfig { account: string; name?: string; path?: string }
export interface PrincipalConfig { account: string; credentials: CredentialSource }

export interface CrossgateConfig {
  target: 'embedded' | 'aws';
  region: string;
  estate?: string;
  /** Deprecated name of `estate`, read for one release. */
  world?: string;
  accounts: Record<string, string>;
  apis: Record<string, ApiConfig>;
  roles: Record<string, RoleConfig>;
  principals: Record<string, PrincipalConfig>;
  /** Folder of CheckNoNewAccess baselines, relative to the config file (default 'baselines'). */
  baselines?: string;
  /** Account alias → principal alias that reads that account. */
  auditors?: Record<string, string>;
}

/** A config with aliases resolved and paths made absolute. */
export interface ResolvedConfig extends CrossgateConfig {
  file: string;
  /** Absolute path of the estate file (embedded target). */
  estateFile?: string;
}
