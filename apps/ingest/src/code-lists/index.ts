export * from './code-lists.module';
export { CODE_LIST_STORE, type CodeListStore } from './code-list.store';
export { unlistedCodes, type CodeLists } from './code-lists';
