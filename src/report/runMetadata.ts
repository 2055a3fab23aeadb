/**
 * What identifies a run for an auditor: crossgate's version, the target and its
 * accounts, the commit, and the CI build (via @cucumber/ci-environment).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import detectCiEnvironment from '@cucumber/ci-environment';
import { loadConfig } from '../config/load.ts';
import type { CiInfo, GitInfo, RunMetadata } from './model.ts';
import { packagePath } from '../util/packageRoot.ts';

const PACKAGE_JSON = packagePath('package.json');

export function crossgateVersion(): string {
  return (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
}

function git(cwd: string, args: string[]): string | undefined {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', timeout: 5_000, stdio: ['ignore', 'pipe', 'ignore'] });
  return r.status === 0 ? r.stdout.trim() || undefined : undefined;
}

/** Strip user info from a URL: a remote may carry a token. */
function withoutUserInfo(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.href;
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//');
  }
}

export function ciInfo(env: Record<string, string | undefined>): CiInfo | undefined {
  const ci = detectCiEnvironment(env);
  if (!ci) return undefined;
  return {
    name: ci.name,
    url: withoutUserInfo(ci.url),
    ...(ci.buildNumber ? { buildNumber: ci.buildNumber } : {}),
    ...(ci.git ? { git: { ...ci.git, remote: withoutUserInfo(ci.git.remote) } } : {}),
  };
}

/** The commit under test: the CI's word for it, else the working copy's. */
export function gitInfo(cwd: string, ci: CiInfo | undefined): GitInfo | undefined {
  const commit = ci?.git?.revision ?? git(cwd, ['rev-parse', 'HEAD']);
  if (!commit) return undefined;
  const branch = ci?.git?.branch ?? git(cwd, ['rev-parse', '--abbrev-ref', 'HEAD']);
  const status = git(cwd, ['status', '--porcelain', '--untracked-files=no']);
  return {
    commit,
    ...(branch && branch !== 'HEAD' ? { branch } : {}),
    ...(ci?.git?.tag ? { tag: ci.git.tag } : {}),
    ...(ci?.git?.remote ? { remote: ci.git.remote } : {}),
    dirty: status !== undefined,
  };
}

/** Target, region, accounts and estate from the crossgate config file. */
export function targetFromConfig(configFile: string | undefined, cwd: string): Pick<RunMetadata, 'target' | 'region' | 'estate' | 'accounts'> & { problem?: string } {
  if (!configFile) return { target: 'unknown', accounts: {} };
  try {
    const config = loadConfig(configFile);
    return {
      target: config.target,
      region: config.region,
      accounts: { ...config.accounts },
      ...(config.estateFile ? { estate: relative(cwd, config.estateFile).split('\\').join('/') } : {}),
    };
  } catch (err) {
    return { target: 'unknown', accounts: {}, problem: `cannot read the config file for the report: ${(err as Error).message}` };
  }
}
