// Minimal typings for the kafkajs 2.2.4 internals reused by the test broker.
// kafkajs is pinned to exactly 2.2.4 in package.json, so these deep paths are stable.

declare module 'kafkajs/src/protocol/encoder' {
  class Encoder {
    constructor(initialSize?: number);
    readonly buffer: Buffer;
    size(): number;
    writeInt8(value: number): this;
    writeInt16(value: number): this;
    writeInt32(value: number): this;
    writeInt64(value: number | bigint | string): this;
    writeBoolean(value: boolean): this;
    writeString(value: string | null): this;
    writeBytes(value: Buffer | null): this;
    writeBuffer(value: Buffer): this;
    writeEncoder(value: Encoder): this;
    writeArray(array: readonly Encoder[] | readonly number[] | readonly string[]): this;
  }
  export = Encoder;
}

declare module 'kafkajs/src/protocol/decoder' {
  class Decoder {
    constructor(buffer: Buffer);
    offset: number;
    readonly buffer: Buffer;
    readInt8(): number;
    readInt16(): number;
    readInt32(): number;
    /** Returns a bigint despite kafkajs' JSDoc. */
    readInt64(): bigint;
    readBoolean(): boolean;
    readString(): string | null;
    readBytes(): Buffer | null;
    /** A length of -1 (null) is returned as an empty array. */
    readArray<T>(reader: (decoder: Decoder) => T): T[];
    canReadBytes(length: number): boolean;
  }
  export = Decoder;
}

declare module 'kafkajs/src/protocol/recordBatch/v0/decoder' {
  import type Decoder from 'kafkajs/src/protocol/decoder';
  interface DecodedRecord {
    offset: string;
    timestamp: string;
    key: Buffer | null;
    value: Buffer | null;
    headers: Record<string, Buffer | Buffer[] | null>;
  }
  interface DecodedBatch {
    firstOffset: string;
    records: DecodedRecord[];
  }
  function decodeRecordBatch(decoder: Decoder): Promise<DecodedBatch>;
  export = decodeRecordBatch;
}

declare module 'kafkajs/src/protocol/recordBatch/crc32C' {
  function crc32C(buffer: Buffer): number;
  export = crc32C;
}
