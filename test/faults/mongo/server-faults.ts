import type { Document } from 'bson';
import { MongoClient } from 'mongodb';
import { describeOnMongo, type MongoEndpoint } from '@rung/testing';

/**
 * Like describeOnMongo, for faults the server itself must produce (a fail point, a step-down). The
 * test server always; the MongoDB at MONGO_URL only when MONGO_FAULTS=1 says it is a disposable
 * single-member replica set started with `--setParameter enableTestCommands=1`, which the tests may
 * step down and set fail points on.
 */
export function describeOnFaultableMongo(title: string, block: (endpoint: () => MongoEndpoint) => void): void {
  const url = process.env.MONGO_FAULTS === '1' ? (process.env.MONGO_URL ?? '') : '';
  describeOnMongo(title, block, { url, label: 'MongoDB at MONGO_URL, MONGO_FAULTS=1' });
}

/** Runs an admin command on the first member itself (a direct connection), whatever its state. */
export async function onMember(uri: string, command: Document): Promise<Document> {
  const url = uri.replace(/([?&])replicaSet=[^&]*/i, '$1directConnection=true');
  const client = await MongoClient.connect(url.includes('directConnection') ? url : `${url}${url.includes('?') ? '&' : '?'}directConnection=true`);
  try {
    return await client.db('admin').command(command);
  } finally {
    await client.close();
  }
}

/** The next `times` commands named fail with this error and these labels (MongoDB's failCommand fail point). */
export function failCommand(uri: string, names: string[], times: number, data: Document): Promise<Document> {
  return onMember(uri, { configureFailPoint: 'failCommand', mode: { times }, data: { failCommands: names, ...data } });
}

/** The member steps down, as in an election it lost; `stepUp` makes it primary again. */
export const stepDown = (uri: string): Promise<Document> => onMember(uri, { replSetStepDown: 60, force: true });
/** replSetFreeze 0 makes a stepped-down single member stand for election at once. */
export const stepUp = (uri: string): Promise<Document> => onMember(uri, { replSetFreeze: 0 });

/** What a stepping-down primary answers a write with (error code and labels as a real replica set sends them). */
export const NOT_WRITABLE_PRIMARY = { errorCode: 10107, errorLabels: ['RetryableWriteError'] };
