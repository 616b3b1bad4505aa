import { type Decoder, Encoder, encodeArray, readText } from '../codec';
import type { JoinRequest, MemberRef } from '../group-coordinator';
import type { JoinResult } from '../group';
import { ApiKey, ErrorCode } from '../protocol';
import type { ApiHandler, RequestContext } from './types';

export const findCoordinator: ApiHandler = {
  apiKey: ApiKey.FindCoordinator,
  minVersion: 0,
  maxVersion: 0,
  handle: (request, { broker }) => {
    request.readString(); // group_id: this broker coordinates every group
    const { nodeId, host, port } = broker.config;
    return Promise.resolve(new Encoder().writeInt16(ErrorCode.NONE).writeInt32(nodeId).writeString(host).writeInt32(port));
  },
};

export const joinGroup: ApiHandler = {
  apiKey: ApiKey.JoinGroup,
  minVersion: 0,
  maxVersion: 1,
  handle: async (request, context) => encodeJoinResult(await context.broker.groups.join(decodeJoin(request, context))),
};

export const syncGroup: ApiHandler = {
  apiKey: ApiKey.SyncGroup,
  minVersion: 0,
  maxVersion: 0,
  handle: async (request, { broker }) => {
    const ref = readMemberRef(request);
    const assignments = request.readArray((d) => [readText(d), d.readBytes() ?? Buffer.alloc(0)] as const);
    const result = await broker.groups.sync(ref, new Map(assignments));
    return new Encoder().writeInt16(result.errorCode).writeBytes(result.assignment);
  },
};

export const heartbeat: ApiHandler = {
  apiKey: ApiKey.Heartbeat,
  minVersion: 0,
  maxVersion: 0,
  handle: (request, { broker }) => Promise.resolve(new Encoder().writeInt16(broker.groups.heartbeat(readMemberRef(request)))),
};

export const leaveGroup: ApiHandler = {
  apiKey: ApiKey.LeaveGroup,
  minVersion: 0,
  maxVersion: 0,
  handle: (request, { broker }) => {
    const groupId = readText(request);
    const memberId = readText(request);
    return Promise.resolve(new Encoder().writeInt16(broker.groups.leave(groupId, memberId)));
  },
};

/** group_id, generation_id, member_id: the prefix shared by SyncGroup, Heartbeat and OffsetCommit v1+. */
export function readMemberRef(decoder: Decoder): MemberRef {
  return { groupId: readText(decoder), generationId: decoder.readInt32(), memberId: readText(decoder) };
}

/** v0 has no rebalance timeout; Kafka then uses the session timeout for both. */
function decodeJoin(request: Decoder, { header, clientHost }: RequestContext): JoinRequest {
  const groupId = readText(request);
  const sessionTimeoutMs = request.readInt32();
  const rebalanceTimeoutMs = header.apiVersion >= 1 ? request.readInt32() : sessionTimeoutMs;
  const memberId = readText(request);
  const protocolType = readText(request);
  const protocols = request.readArray((d) => ({ name: readText(d), metadata: d.readBytes() ?? Buffer.alloc(0) }));
  const clientId = header.clientId;
  return { groupId, sessionTimeoutMs, rebalanceTimeoutMs, memberId, protocolType, protocols, clientId, clientHost };
}

function encodeJoinResult(result: JoinResult): Encoder {
  return new Encoder()
    .writeInt16(result.errorCode)
    .writeInt32(result.generationId)
    .writeString(result.protocolName)
    .writeString(result.leaderId)
    .writeString(result.memberId)
    .writeArray(encodeArray(result.members, (m, e) => e.writeString(m.memberId).writeBytes(m.metadata)));
}
