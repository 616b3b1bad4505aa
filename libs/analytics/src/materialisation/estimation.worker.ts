import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { runEstimation, type EstimationJob } from './estimation-jobs';
import { jsonRepresentation } from './representation';

// Linux keeps a nice value per thread, so this lowers this worker's alone: on a busy machine the
// thread that answers requests gets the CPU first (elsewhere it would lower the whole process).
if (process.platform === 'linux') setPriority(0, 10);

parentPort?.on('message', ({ id, job }: { id: number; job: EstimationJob }) => {
  try {
    const { etag, body } = jsonRepresentation(runEstimation(job));
    // a copy of its own, since a small Buffer shares Node's pool, which must not be moved
    const bytes = new Uint8Array(body.length);
    bytes.set(body);
    parentPort?.postMessage({ id, etag, body: bytes }, [bytes.buffer]);
  } catch (error) {
    parentPort?.postMessage({ id, failure: `${(error as Error).name}: ${(error as Error).message}` });
  }
});
