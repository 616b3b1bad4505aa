import { BSON } from 'bson';
import type { Doc } from './values';

/** Opcodes of the MongoDB wire protocol that this server understands. */
export const OpCode = { REPLY: 1, QUERY: 2004, COMPRESSED: 2012, MSG: 2013 } as const;

const HEADER_SIZE = 16;
export const MAX_MESSAGE_BYTES = 48_000_000;

const MSG_CHECKSUM_PRESENT = 1 << 0;
const MSG_MORE_TO_COME = 1 << 1;
const MSG_EXHAUST_ALLOWED = 1 << 16;
const MSG_KNOWN_FLAGS = MSG_CHECKSUM_PRESENT | MSG_MORE_TO_COME | MSG_EXHAUST_ALLOWED;
/** Bits 0-15 are "required": a receiver must reject ones it does not know. */
const MSG_REQUIRED_MASK = 0xffff;
const REPLY_QUERY_FAILURE = 1 << 1;

export interface MessageHeader {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

/** OP_QUERY: only used by drivers for the initial `hello`/`isMaster` handshake. */
export interface QueryRequest {
  opCode: typeof OpCode.QUERY;
  requestId: number;
  collection: string;
  query: Doc;
}

export interface MsgRequest {
  opCode: typeof OpCode.MSG;
  requestId: number;
  moreToCome: boolean;
  /** The kind-0 body with every kind-1 document sequence merged in as an array field. */
  command: Doc;
}

export type WireRequest = QueryRequest | MsgRequest;

/**
 * A request that could not be decoded. When `reply` is false the connection can't be trusted any
 * more (bad framing, unsupported opcode) and must be closed.
 */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly header: MessageHeader,
    readonly reply: boolean,
  ) {
    super(message);
  }
}

/** Splits a TCP byte stream into complete wire messages. */
export class MessageFramer {
  private buffered: Buffer = Buffer.alloc(0);

  /** Returns all complete messages; throws if the stream announces an impossible message length. */
  push(chunk: Buffer): Buffer[] {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const frames: Buffer[] = [];
    while (this.buffered.length >= 4) {
      const length = this.buffered.readInt32LE(0);
      if (length < HEADER_SIZE || length > MAX_MESSAGE_BYTES) {
        throw new Error(`invalid message length ${length}`);
      }
      if (this.buffered.length < length) break;
      frames.push(this.buffered.subarray(0, length));
      this.buffered = this.buffered.subarray(length);
    }
    return frames;
  }
}

export function readHeader(frame: Buffer): MessageHeader {
  return {
    length: frame.readInt32LE(0),
    requestId: frame.readInt32LE(4),
    responseTo: frame.readInt32LE(8),
    opCode: frame.readInt32LE(12),
  };
}

export function decodeMessage(frame: Buffer): WireRequest {
  const header = readHeader(frame);
  try {
    if (header.opCode === OpCode.MSG) return decodeMsg(frame, header);
    if (header.opCode === OpCode.QUERY) return decodeQuery(frame, header);
  } catch (err) {
    // Nobody waits for a reply to a moreToCome message, so the only way to signal is closing.
    const canReply = !(header.opCode === OpCode.MSG && isMoreToCome(frame));
    throw new ProtocolError(err instanceof Error ? err.message : String(err), header, canReply);
  }
  throw new ProtocolError(`unsupported opCode ${header.opCode}`, header, false);
}

function isMoreToCome(frame: Buffer): boolean {
  return frame.length >= HEADER_SIZE + 4 && (frame.readUInt32LE(HEADER_SIZE) & MSG_MORE_TO_COME) !== 0;
}

function decodeMsg(frame: Buffer, header: MessageHeader): MsgRequest {
  const flags = frame.readUInt32LE(16);
  const unknownRequired = flags & MSG_REQUIRED_MASK & ~MSG_KNOWN_FLAGS;
  if (unknownRequired !== 0) throw new Error(`unsupported OP_MSG flag bits ${unknownRequired}`);
  const end = flags & MSG_CHECKSUM_PRESENT ? frame.length - 4 : frame.length;
  const { body, sequences } = readSections(frame, HEADER_SIZE + 4, end);
  for (const [field, docs] of sequences) {
    const existing: unknown = body[field];
    body[field] = Array.isArray(existing) ? [...(existing as unknown[]), ...docs] : docs;
  }
  const moreToCome = (flags & MSG_MORE_TO_COME) !== 0;
  return { opCode: OpCode.MSG, requestId: header.requestId, moreToCome, command: body };
}

interface Sections {
  body: Doc;
  sequences: Array<[string, Doc[]]>;
}

function readSections(frame: Buffer, start: number, end: number): Sections {
  let body: Doc | undefined;
  const sequences: Array<[string, Doc[]]> = [];
  let pos = start;
  while (pos < end) {
    const kind = frame[pos];
    const size = frame.readInt32LE(pos + 1);
    if (kind === 0) {
      if (body !== undefined) throw new Error('OP_MSG has more than one body section');
      body = readDocument(frame, pos + 1, end);
      pos += 1 + size;
    } else if (kind === 1) {
      sequences.push(readSequence(frame, pos + 1, size, end));
      pos += 1 + size;
    } else {
      throw new Error(`unknown OP_MSG section kind ${kind}`);
    }
  }
  if (body === undefined) throw new Error('OP_MSG has no body section');
  return { body, sequences };
}

function readSequence(frame: Buffer, start: number, size: number, end: number): [string, Doc[]] {
  const sectionEnd = start + size;
  if (size < 5 || sectionEnd > end) throw new Error('OP_MSG document sequence overruns the message');
  const nameEnd = frame.indexOf(0, start + 4);
  if (nameEnd < 0 || nameEnd >= sectionEnd) throw new Error('OP_MSG sequence identifier is not terminated');
  const field = frame.toString('utf8', start + 4, nameEnd);
  const docs: Doc[] = [];
  for (let pos = nameEnd + 1; pos < sectionEnd; pos += frame.readInt32LE(pos)) {
    docs.push(readDocument(frame, pos, sectionEnd));
  }
  return [field, docs];
}

function readDocument(frame: Buffer, start: number, end: number): Doc {
  if (start + 5 > end) throw new Error('truncated BSON document');
  const size = frame.readInt32LE(start);
  if (size < 5 || start + size > end) throw new Error('BSON document size overruns the message');
  return BSON.deserialize(frame.subarray(start, start + size));
}

function decodeQuery(frame: Buffer, header: MessageHeader): QueryRequest {
  const nameEnd = frame.indexOf(0, HEADER_SIZE + 4);
  if (nameEnd < 0) throw new Error('OP_QUERY collection name is not terminated');
  const collection = frame.toString('utf8', HEADER_SIZE + 4, nameEnd);
  // Skip numberToSkip and numberToReturn; commands always return a single document.
  const query = readDocument(frame, nameEnd + 1 + 8, frame.length);
  return { opCode: OpCode.QUERY, requestId: header.requestId, collection, query };
}

let lastRequestId = 0;

function header(opCode: number, responseTo: number, bodyLength: number): Buffer {
  const out = Buffer.alloc(HEADER_SIZE);
  lastRequestId = (lastRequestId + 1) & 0x7fffffff;
  out.writeInt32LE(HEADER_SIZE + bodyLength, 0);
  out.writeInt32LE(lastRequestId, 4);
  out.writeInt32LE(responseTo, 8);
  out.writeInt32LE(opCode, 12);
  return out;
}

function serialize(doc: Doc): Buffer {
  return Buffer.from(BSON.serialize(doc, { ignoreUndefined: true }));
}

/** OP_MSG reply: flagBits 0, a single kind-0 section. */
export function encodeMsgReply(responseTo: number, doc: Doc): Buffer {
  const body = serialize(doc);
  const prefix = Buffer.alloc(5); // flagBits (uint32) + section kind 0
  return Buffer.concat([header(OpCode.MSG, responseTo, prefix.length + body.length), prefix, body]);
}

/** OP_REPLY: responseFlags, cursorId (0), startingFrom (0), numberReturned (1), document. */
export function encodeQueryReply(responseTo: number, doc: Doc, queryFailure = false): Buffer {
  const body = serialize(doc);
  const fields = Buffer.alloc(20);
  fields.writeInt32LE(queryFailure ? REPLY_QUERY_FAILURE : 0, 0);
  fields.writeInt32LE(1, 16);
  return Buffer.concat([header(OpCode.REPLY, responseTo, fields.length + body.length), fields, body]);
}
