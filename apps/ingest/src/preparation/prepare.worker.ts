import { parentPort, workerData } from 'node:worker_threads';
import { keyedPseudonyms } from '@rung/domain';
import { prepareCareerEvents } from './prepare-career-events';

interface Job {
  id: number;
  events: unknown[];
}

const pseudonyms = keyedPseudonyms(Buffer.from((workerData as { key: Uint8Array }).key));

parentPort?.on('message', ({ id, events }: Job) => {
  try {
    parentPort?.postMessage({ id, prepared: prepareCareerEvents(events, pseudonyms) });
  } catch (error) {
    parentPort?.postMessage({ id, failure: (error as Error).name });
  }
});
