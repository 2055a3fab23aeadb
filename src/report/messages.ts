/**
 * The parts of Cucumber's message protocol (@cucumber/messages envelopes) that the
 * compliance report reads. Structural, so the report does not depend on a
 * particular version of the messages package.
 */

export interface Timestamp { seconds: number; nanos: number }
export type Duration = Timestamp;

export interface Location { line: number; column?: number }

export interface Tag { name: string; location?: Location; id?: string }

export interface GherkinStep { id: string; keyword: string; text: string; location: Location }
export interface TableRow { id: string; location: Location; cells: { value: string }[] }
export interface Examples { id: string; tags: Tag[]; tableHeader?: TableRow; tableBody: TableRow[] }
export interface GherkinScenario { id: string; keyword: string; name: string; location: Location; tags: Tag[]; steps: GherkinStep[]; examples: Examples[] }
export interface FeatureChild { background?: { steps: GherkinStep[] }; scenario?: GherkinScenario; rule?: { children: FeatureChild[] } }
export interface GherkinDocument { uri?: string; feature?: { name: string; tags: Tag[]; children: FeatureChild[] } }

export interface PickleStep { id: string; text: string; astNodeIds: string[]; type?: string }
export interface Pickle { id: string; uri: string; name: string; astNodeIds: string[]; tags: { name: string; astNodeId: string }[]; steps: PickleStep[] }

export interface Hook { id: string; name?: string; sourceReference: { uri?: string; location?: Location }; type?: string }
export interface TestStep { id: string; pickleStepId?: string; hookId?: string }
export interface TestCase { id: string; pickleId: string; testSteps: TestStep[] }

export type StepStatus = 'UNKNOWN' | 'PASSED' | 'SKIPPED' | 'PENDING' | 'UNDEFINED' | 'AMBIGUOUS' | 'FAILED';
export interface TestStepResult { status: StepStatus; duration: Duration; message?: string; exception?: { type: string; message?: string } }

export interface Attachment {
  body: string;
  contentEncoding: 'IDENTITY' | 'BASE64';
  mediaType: string;
  testCaseStartedId?: string;
  testStepId?: string;
  testRunHookStartedId?: string;
}

export interface Envelope {
  meta?: { implementation: { name: string; version?: string }; runtime: { name: string; version?: string }; os: { name: string; version?: string } };
  gherkinDocument?: GherkinDocument;
  pickle?: Pickle;
  hook?: Hook;
  testCase?: TestCase;
  testCaseStarted?: { id: string; testCaseId: string; attempt: number; timestamp: Timestamp };
  testCaseFinished?: { testCaseStartedId: string; timestamp: Timestamp; willBeRetried: boolean };
  testStepFinished?: { testCaseStartedId: string; testStepId: string; testStepResult: TestStepResult; timestamp: Timestamp };
  attachment?: Attachment;
  testRunStarted?: { timestamp: Timestamp };
  testRunFinished?: { timestamp: Timestamp; success: boolean; message?: string; exception?: { type: string; message?: string } };
  testRunHookStarted?: { id: string; hookId: string; timestamp: Timestamp };
  testRunHookFinished?: { testRunHookStartedId: string; result: TestStepResult; timestamp: Timestamp };
}

export function toMillis(t: Timestamp | Duration): number {
  return t.seconds * 1000 + Math.round(t.nanos / 1e6);
}

export function toIso(t: Timestamp): string {
  return new Date(toMillis(t)).toISOString();
}
