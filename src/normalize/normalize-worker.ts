/**
 * The worker side of WorkerNormalizer (worker-normalizer.ts): a Normalizer
 * and its load package writer on their own thread, fed pages by the main
 * thread, which meanwhile fetches and parses the next ones.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LoadPackageWriter } from './load-package.js';
import { Normalizer } from './normalizer.js';
import { normalizeResult, serializeError, type FromWorker, type ToWorker, type WorkerSetup } from './worker-normalizer.js';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const writer = new LoadPackageWriter(setup.loadId, setup.dir, { fileMaxBytes: setup.fileMaxBytes });
const normalizer = new Normalizer(setup.schema, setup.loadId, writer);
for (const t of setup.targets) normalizer.registerResource(t);
/** After an error the run is over: pages still on their way are dropped, not written. */
let failed = false;

const send = (m: FromWorker) => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  if (failed) return;
  try {
    if (m.type === 'page') {
      normalizer.normalize(m.resource, m.items);
      send({ type: 'ack' });
    } else {
      send({ type: 'done', ...normalizeResult(normalizer, writer) });
    }
  } catch (e) {
    failed = true;
    writer.abort();
    send({ type: 'error', error: serializeError(e) });
  }
});
