/**
 * The compliance report (reports/compliance.json), as schemas/compliance.schema.json
 * defines it. A report is plain data: every renderer (Markdown, HTML, SARIF) and the
 * merge of sharded reports work from this alone.
 */
import type { Evidence } from '../evidence/types.ts';

/** Bump the major version for any change that a consumer of the JSON could trip on. */
export const SCHEMA_VERSION = '1.0.0';

export const LAYERS = ['static', 'simulation', 'analyzer', 'e2e'] as const;
export type Layer = (typeof LAYERS)[number];

/** A scenario's outcome, in Cucumber's words; 'not-run' when it never started. */
export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'pending' | 'undefined' | 'ambiguous' | 'unknown' | 'not-run';

/** failed: a scenario failed; passed: all ran and passed; skipped: none failed, not all ran; not-run: no scenario in this run. */
export type ControlStatus = 'passed' | 'failed' | 'skipped' | 'not-run';

export interface GitInfo {
  commit?: string;
  branch?: string;
  tag?: string;
  remote?: string;
  /** Tracked files differ from the commit. */
  dirty?: boolean;
}

export interface CiInfo {
  name: string;
  url: string;
  buildNumber?: string;
  git?: { remote: string; revision: string; branch?: string; tag?: string };
}

export interface RunMetadata {
  crossgateVersion: string;
  /** The cucumber.json profile. */
  profile?: string;
  target: 'embedded' | 'aws' | 'unknown';
  region?: string;
  /** The estate file (embedded target), relative to the working directory. */
  estate?: string;
  /** Account aliases to ids. */
  accounts: Record<string, string>;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  /** Cucumber's own verdict for the run. */
  success: boolean;
  git?: GitInfo;
  ci?: CiInfo;
  environment: { node?: string; os?: string; cucumber?: string };
  /** What the run was asked to check, and whether it is declared partial. */
  selection?: RunSelection;
  /** SHA-256 of the config file, the estate (overlays applied) and the controls catalogue. */
  digests?: { config?: string; estate?: string; controls?: string };
  /** What makes sharded jobs one run (src/report/identity.ts): merge combines one identity only. */
  identity?: string;
  /** For a merged report: the runs it combines. */
  shards?: Omit<RunMetadata, 'shards'>[];
}

export type PartialReason = 'tags' | 'names' | 'paths' | 'shard' | 'explicit';

export interface RunSelection {
  /** Feature paths (or globs) the run loaded. */
  paths: string[];
  /** Cucumber's tag expression, when the run filtered by tags. */
  tags?: string;
  /** Scenario name filters (regular expressions). */
  names?: string[];
  shard?: { index: number; total: number };
  /** Declared partial: controls that did not run do not fail it (its verdict says 'partial'). */
  partial: boolean;
  partialBecause: PartialReason[];
  /** A dry run: nothing is checked, so its verdict is never 'passed'. */
  dryRun?: boolean;
  /** Catalogue controls that do not apply to the run's estate (their `requires` is not met). */
  notApplicable?: string[];
}

export type Verdict = 'passed' | 'failed' | 'partial' | 'not-checked';

export interface StepResult {
  /** 'Given ci-caller has assumed the role ApiInvokerRole', or 'Before hook (steps/support/hooks.ts:12)'. */
  text: string;
  kind: 'step' | 'hook';
  status: Exclude<ScenarioStatus, 'not-run'>;
  durationMs?: number;
  /** The error message, for a step that did not pass. */
  message?: string;
}

export type ReportEvidence = Evidence & {
  /** The step that recorded it. */
  step?: string;
};

export interface ScenarioResult {
  id: string;
  name: string;
  /** 'principal: bystander' for an example row of a Scenario Outline. */
  example?: string;
  feature: string;
  /** The feature file, relative to the working directory. */
  uri: string;
  line: number;
  layer?: Layer;
  controls: string[];
  tags: string[];
  status: ScenarioStatus;
  startedAt?: string;
  durationMs?: number;
  attempts?: number;
  steps: StepResult[];
  /** The first step that did not pass, and why, in one line. */
  failure?: { step: string; message: string; type?: string };
  evidence: ReportEvidence[];
}

export interface ControlResult {
  id: string;
  title: string;
  description?: string;
  /** The layer the catalogue assigns. */
  layer?: Layer;
  /** The layers of the scenarios that checked it in this run. */
  layers: Layer[];
  /** False when controls.json has no entry for this id. */
  catalogued: boolean;
  status: ControlStatus;
  /** Scenario ids. */
  scenarios: string[];
  /** For a failed control: the first failed scenario and its cause, in one line. */
  cause?: string;
}

export interface Summary {
  controls: { total: number; passed: number; failed: number; skipped: number; notRun: number };
  scenarios: { total: number; passed: number; failed: number; skipped: number };
}

/** A policy document the run read, by digest (sha256 of its canonical JSON). */
export interface PolicyDigest {
  policyId: string;
  policyType: 'identity' | 'trust' | 'resource' | 'permissionsBoundary' | 'scp';
  name?: string;
  versionId?: string;
  attachedTo?: string;
  sha256: string;
}

/** The evidence manifest that seals the reports folder (src/report/manifest.ts). */
export interface Integrity {
  /** The manifest file, relative to this report. */
  manifest: string;
  algorithm: 'sha256';
  /** The manifest file's SHA-256. */
  sha256: string;
}

export interface ComplianceReport {
  schemaVersion: string;
  generator: { name: 'crossgate'; version: string };
  verdict: Verdict;
  run: RunMetadata;
  summary: Summary;
  controls: ControlResult[];
  scenarios: ScenarioResult[];
  /** Run-level problems: failed BeforeAll/AfterAll hooks, control tags missing from the catalogue. */
  problems: string[];
  /** Every policy document read, by digest; reports from older crossgate lack it. */
  policies?: PolicyDigest[];
  /** Written when the run seals its reports folder. */
  integrity?: Integrity;
}

export interface ControlCatalogEntry {
  title: string;
  description?: string;
  layer: Layer;
  /** What the estate must have for the control to apply ('organization'). */
  requires?: 'organization'[];
}

export type ControlCatalog = Record<string, ControlCatalogEntry>;
