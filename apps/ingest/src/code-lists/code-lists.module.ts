import { Module } from '@nestjs/common';
import { STORE_BACKEND, type StoreBackend } from '@rung/event-store';
import { AdminCodeListsController } from './admin-code-lists.controller';
import { CODE_LIST_STORE, EmbeddedCodeListStore, MongoCodeListStore, type CodeListStore } from './code-list.store';

function openCodeListStore(backend: StoreBackend): CodeListStore {
  switch (backend.kind) {
    case 'embedded':
      return EmbeddedCodeListStore.open(backend.dataDir);
    case 'mongo':
      return MongoCodeListStore.open(backend.connection);
  }
}

/** Organisations' registered code lists (§8): kept beside the events, managed by admins, checked at ingest. */
@Module({
  controllers: [AdminCodeListsController],
  providers: [{ provide: CODE_LIST_STORE, useFactory: openCodeListStore, inject: [STORE_BACKEND] }],
  exports: [CODE_LIST_STORE],
})
export class CodeListsModule {}
