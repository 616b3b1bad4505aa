import { apiVersionsResponse, handlers, type BrokerContext, type RequestContext } from './apis';
import { Decoder } from './codec';
import { ApiKey, ProtocolError, frameResponse, readRequestHeader } from './protocol';

const byKey = new Map(handlers.map((handler) => [handler.apiKey as number, handler]));

/** Decodes one request frame and returns the framed response, or null when none is due. */
export async function dispatch(broker: BrokerContext, frame: Buffer, clientHost: string): Promise<Buffer | null> {
  const request = new Decoder(frame);
  const header = readRequestHeader(request);
  const context: RequestContext = { broker, header, clientHost, handlers };
  const handler = byKey.get(header.apiKey);
  if (header.apiKey === ApiKey.ApiVersions && handler && header.apiVersion > handler.maxVersion) {
    return frameResponse(header.correlationId, apiVersionsResponse(context, header.apiVersion));
  }
  if (!handler || header.apiVersion < handler.minVersion || header.apiVersion > handler.maxVersion) {
    throw new ProtocolError(`unsupported request: api key ${header.apiKey} v${header.apiVersion}`);
  }
  const body = await handler.handle(request, context);
  return body ? frameResponse(header.correlationId, body) : null;
}
