/**
 * The scenario's World: fresh per scenario. It holds the actors (principals) and
 * what the last action observed; the harness (config, target, embedded AWS) is
 * shared by the whole run.
 */
import { setWorldConstructor, World, type IWorldOptions } from '@cucumber/cucumber';
import { Actor, type AssumeOutcome, type ContextInput, type Harness, type InvokeEvidence } from '../../src/checks/index.ts';
import { redactingWorldOptions } from './redaction.ts';

let sharedHarness: Harness | undefined;

export function setHarness(h: Harness | undefined): void {
  sharedHarness = h;
}

export interface CrossgateParameters {
  /** Path of the crossgate config file. */
  config: string;
}

export class CrossgateWorld extends World<CrossgateParameters> {
  private readonly actors = new Map<string, Actor>();
  /** The API scenarios address when they name none. */
  apiAlias?: string;
  lastInvocation?: InvokeEvidence;
  lastAssumption?: AssumeOutcome;
  /** Context entries given to every simulation in this scenario. */
  simulationContext: ContextInput[] = [];

  private scenarioHarness?: Harness;

  constructor(options: IWorldOptions<CrossgateParameters>) {
    // attach and log scrub secrets before anything enters Cucumber's message stream.
    super(redactingWorldOptions(options));
  }

  /** The run's harness, as seen by this scenario: checks record their evidence into it. */
  get harness(): Harness {
    if (!sharedHarness) throw new Error('the crossgate harness has not started (BeforeAll hook did not run)');
    this.scenarioHarness ??= { ...sharedHarness, evidence: this };
    return this.scenarioHarness;
  }

  actor(name: string): Actor {
    let a = this.actors.get(name);
    if (!a) {
      a = new Actor(name, this.harness);
      this.actors.set(name, a);
    }
    return a;
  }

  get api(): string {
    if (this.apiAlias) return this.apiAlias;
    const apis = Object.keys(this.harness.config.apis);
    if (apis.length === 1) return apis[0]!;
    throw new Error(`several APIs are configured (${apis.join(', ')}): name one with 'Given the HTTP API "<alias>"'`);
  }

  get invocation(): InvokeEvidence {
    if (!this.lastInvocation) throw new Error('no request has been sent in this scenario');
    return this.lastInvocation;
  }
}

setWorldConstructor(CrossgateWorld);
