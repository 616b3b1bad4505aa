import type { StoredKey } from './api-key';

export const KEY_STORE = Symbol('KEY_STORE');

/** Where keys live: beside the events, so that every instance knows every key. */
export interface KeyStore {
  get(id: string): Promise<StoredKey | undefined>;
  list(): Promise<StoredKey[]>;
  /** Stores the key unless its id is taken; false when it was. */
  insert(key: StoredKey): Promise<boolean>;
  /** Marks the key revoked; false when there is no such key or it was revoked already. */
  revoke(id: string, at: string): Promise<boolean>;
  close(): Promise<void>;
}
