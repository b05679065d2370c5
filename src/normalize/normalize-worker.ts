/**
 * The worker side of WorkerNormalizer (worker-normalizer.ts): a Normalizer
 * and its load package writer on their own thread, fed pages by the main
 * thread, which meanwhile fetches and parses the next ones.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LoadPackageWriter } from './load-package.js';
import { Normalizer, type TableTarget } from './normalizer.js';
import type { StoredSchema } from './schema.js';
import { serializeError, type FromWorker, type ToWorker, type WorkerSetup } from './worker-normalizer.js';

const setup = workerData as WorkerSetup;
const port = parentPort!;
const writer = new LoadPackageWriter(setup.loadId, setup.dir, { fileMaxBytes: setup.fileMaxBytes });
const schema: StoredSchema = setup.schema;
const normalizer = new Normalizer(schema, setup.loadId, writer);
for (const t of setup.targets as TableTarget[]) normalizer.registerResource(t);

const send = (m: FromWorker) => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  try {
    if (m.type === 'page') {
      normalizer.normalize(m.resource, m.items);
      send({ type: 'ack' });
    } else {
      const pkg = writer.close();
      send({ type: 'done', schema, pkg, newColumns: normalizer.newColumns, warnings: normalizer.warnings, fastItems: normalizer.fastItems });
    }
  } catch (e) {
    writer.abort();
    send({ type: 'error', error: serializeError(e) });
  }
});
