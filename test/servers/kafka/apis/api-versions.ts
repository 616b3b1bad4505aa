import { Encoder, encodeArray } from '../codec';
import { ApiKey, ErrorCode } from '../protocol';
import type { ApiHandler, RequestContext } from './types';

const MAX_VERSION = 2;

export const apiVersions: ApiHandler = {
  apiKey: ApiKey.ApiVersions,
  minVersion: 0,
  maxVersion: MAX_VERSION,
  handle: (_request, context) => Promise.resolve(apiVersionsResponse(context, context.header.apiVersion)),
};

/** Kafka answers an ApiVersions request of a too-new version with a v0 body and UNSUPPORTED_VERSION. */
export function apiVersionsResponse(context: RequestContext, version: number): Encoder {
  const supported = version <= MAX_VERSION;
  const handlers = [...context.handlers].sort((a, b) => a.apiKey - b.apiKey);
  const encoder = new Encoder()
    .writeInt16(supported ? ErrorCode.NONE : ErrorCode.UNSUPPORTED_VERSION)
    .writeArray(encodeArray(handlers, (h, e) => e.writeInt16(h.apiKey).writeInt16(h.minVersion).writeInt16(h.maxVersion)));
  return supported && version >= 1 ? encoder.writeInt32(0) : encoder;
}
