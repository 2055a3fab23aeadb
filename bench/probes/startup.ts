/**
 * Start-up of the embedded AWS on one estate, in a fresh process (run with
 * --expose-gc): load and validate the estate file, build the state, listen, answer a
 * first unsigned request (GET /health) and a first signed, authorized one (a role
 * session from sts:AssumeRole, then GET on an AWS_IAM route). Prints one JSON line: times in ms, memory in MB.
 */
import { prepare, send, sign } from '../../src/aws/http.ts';
import { assumeRole } from '../../src/aws/sts.ts';
import { buildState, loadEstateFile, startEmulator } from '../../src/emulator/index.ts';
import { closeClients } from '../../src/aws/clients.ts';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const file = process.argv[2]!;
const [apiId, roleArn, caller, secret, iamPath] = process.argv.slice(3) as [string, string, string, string, string];
gc();
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
const estate = loadEstateFile(file);
const t1 = performance.now();
const state = buildState(estate, file);
const t2 = performance.now();
const emulator = await startEmulator({ state });
const t3 = performance.now();
const health = await send(prepare({ method: 'GET', url: new URL(`https://${apiId}.execute-api.${state.region}.amazonaws.com/health`) }), { connectTo: emulator.url });
const t4 = performance.now();
const target = { kind: 'embedded' as const, region: state.region, endpoint: emulator.url };
const session = await assumeRole(target, { accessKeyId: caller, secretAccessKey: secret }, 'ci', { roleArn, sessionName: 'crossgate-startup' });
const signed = await sign(prepare({ method: 'GET', url: new URL(`https://${apiId}.execute-api.${state.region}.amazonaws.com${iamPath}`) }), { credentials: session.credentials, region: state.region });
const first = await send(signed, { connectTo: emulator.url });
const t5 = performance.now();
estate.accounts.length = 0; // the parsed file is not part of what the server keeps
gc();
const heapAfter = process.memoryUsage().heapUsed;
closeClients();
await emulator.close();
if (health.status !== 200 || first.status !== 200) throw new Error(`first answers: ${health.status}, ${first.status}`);
console.log(JSON.stringify({
  readAndValidateMs: t1 - t0, buildStateMs: t2 - t1, listenMs: t3 - t2, firstAnswerMs: t4 - t3, firstAssumedAndSignedMs: t5 - t4,
  readyMs: t4 - t0, stateHeapMb: (heapAfter - heapBefore) / 2 ** 20, rssMb: process.memoryUsage().rss / 2 ** 20,
}));
