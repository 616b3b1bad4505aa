import { apiVersions } from './api-versions';
import { fetch } from './fetch';
import { deleteGroups, describeGroups, listGroups } from './group-admin';
import { findCoordinator, heartbeat, joinGroup, leaveGroup, syncGroup } from './group-membership';
import { listOffsets } from './list-offsets';
import { metadata } from './metadata';
import { offsetCommit, offsetFetch } from './offsets';
import { produce } from './produce';
import { createTopics, deleteTopics } from './topic-admin';
import type { ApiHandler } from './types';

export type { ApiHandler, BrokerConfig, BrokerContext, RequestContext } from './types';
export { apiVersionsResponse } from './api-versions';

export const handlers: readonly ApiHandler[] = [
  produce,
  fetch,
  listOffsets,
  metadata,
  offsetCommit,
  offsetFetch,
  findCoordinator,
  joinGroup,
  heartbeat,
  leaveGroup,
  syncGroup,
  describeGroups,
  listGroups,
  apiVersions,
  createTopics,
  deleteTopics,
  deleteGroups,
];
