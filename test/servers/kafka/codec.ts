import Decoder from 'kafkajs/src/protocol/decoder';
import Encoder from 'kafkajs/src/protocol/encoder';

export { Decoder, Encoder };

/** Reads a string field that the protocol marks non-nullable; null is treated as "". */
export function readText(decoder: Decoder): string {
  return decoder.readString() ?? '';
}

/** Offsets and timestamps fit comfortably in a double for an in-memory test log. */
export function readInt64(decoder: Decoder): number {
  return Number(decoder.readInt64());
}

/** Protocol arrays where -1 (null) means something different from an empty array. */
export function readNullableArray<T>(decoder: Decoder, reader: (d: Decoder) => T): T[] | null {
  const length = decoder.readInt32();
  if (length < 0) {
    return null;
  }
  return Array.from({ length }, () => reader(decoder));
}

export function encodeArray<T>(items: readonly T[], encode: (item: T, encoder: Encoder) => void): Encoder[] {
  return items.map((item) => {
    const encoder = new Encoder();
    encode(item, encoder);
    return encoder;
  });
}
