import type { RecordedEvent } from '@rung/contracts';
import { Schema, type Connection, type Model } from 'mongoose';

export const EVENTS_COLLECTION = 'events';

/** One stored event: the recorded event and the digest of its body, which tells a resend from a conflict. */
export type EventDocument = RecordedEvent & { hash: string };

/** Reads return the recorded event only. */
export const RECORDED_FIELDS = { _id: 0, hash: 0 } as const;

const eventSchema = new Schema(
  {
    eventId: { type: String, required: true },
    streamId: { type: String, required: true },
    version: { type: Number, required: true },
    position: { type: Number, required: true },
    recordedAt: { type: String, required: true },
    hash: { type: String, required: true },
  },
  { collection: EVENTS_COLLECTION, strict: false, versionKey: false, autoIndex: false, autoCreate: false, minimize: false },
);
eventSchema.index({ eventId: 1 }, { unique: true, name: 'eventId_unique' });
eventSchema.index({ streamId: 1, version: 1 }, { unique: true, name: 'streamId_version_unique' });

export type EventModel = Model<EventDocument>;

/** The events model on this connection, registered once per connection. */
export function eventModel(connection: Connection): EventModel {
  return (connection.models.RungEvent as EventModel | undefined) ?? connection.model<EventDocument>('RungEvent', eventSchema);
}
