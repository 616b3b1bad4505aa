import { Encoder, encodeArray, readText } from '../codec';
import type { Group, Member } from '../group';
import { ApiKey, ErrorCode } from '../protocol';
import type { ApiHandler } from './types';

export const describeGroups: ApiHandler = {
  apiKey: ApiKey.DescribeGroups,
  minVersion: 0,
  maxVersion: 0,
  handle: (request, { broker }) => {
    const groupIds = request.readArray(readText);
    const encoded = encodeArray(groupIds, (groupId, e) => encodeGroup(e, groupId, broker.groups.describe(groupId)));
    return Promise.resolve(new Encoder().writeArray(encoded));
  },
};

export const listGroups: ApiHandler = {
  apiKey: ApiKey.ListGroups,
  minVersion: 0,
  maxVersion: 0,
  handle: (_request, { broker }) => {
    const groups = broker.groups.list().filter((g) => g.state !== 'Dead');
    const encoded = encodeArray(groups, (g, e) => e.writeString(g.groupId).writeString(g.protocolType));
    return Promise.resolve(new Encoder().writeInt16(ErrorCode.NONE).writeArray(encoded));
  },
};

export const deleteGroups: ApiHandler = {
  apiKey: ApiKey.DeleteGroups,
  minVersion: 0,
  maxVersion: 0,
  handle: (request, { broker }) => {
    const results = request.readArray(readText).map((groupId) => ({ groupId, errorCode: broker.groups.deleteGroup(groupId) }));
    const encoded = encodeArray(results, (r, e) => e.writeString(r.groupId).writeInt16(r.errorCode));
    return Promise.resolve(new Encoder().writeInt32(0).writeArray(encoded));
  },
};

/** Like Kafka, an unknown group is described as Dead, and member metadata is only shown while Stable. */
function encodeGroup(encoder: Encoder, groupId: string, group: Group | undefined): void {
  const stable = group?.state === 'Stable';
  const members = group ? [...group.members.values()] : [];
  encoder
    .writeInt16(ErrorCode.NONE)
    .writeString(groupId)
    .writeString(group?.state ?? 'Dead')
    .writeString(group?.protocolType ?? '')
    .writeString(stable ? group.protocolName : '')
    .writeArray(encodeArray(members, (m, e) => encodeMember(e, m, stable ? group.protocolName : null)));
}

function encodeMember(encoder: Encoder, member: Member, protocolName: string | null): void {
  const { memberId, clientId, clientHost } = member.init;
  encoder
    .writeString(memberId)
    .writeString(clientId)
    .writeString(clientHost)
    .writeBytes(protocolName === null ? Buffer.alloc(0) : member.metadataFor(protocolName))
    .writeBytes(protocolName === null ? Buffer.alloc(0) : member.assignment);
}
