import { buildEventCatalogue, type EventCatalogue, type GroupOf } from './catalogue';
import { eventJsonSchemas } from './json-schema';
import { renderEventsMarkdown } from './markdown';

export * from './catalogue';
export * from './examples';
export * from './json-schema';
export * from './markdown';
export * from './refusals';

/** Every generated file, by its path from the repository root: docs/events.md and docs/schemas/*.schema.json. */
export function renderEventDocFiles(catalogue: EventCatalogue): Record<string, string> {
  const files: Record<string, string> = { 'docs/events.md': renderEventsMarkdown(catalogue) };
  for (const [name, schema] of Object.entries(eventJsonSchemas(catalogue))) {
    files[`docs/schemas/${name}`] = `${JSON.stringify(schema, null, 2)}\n`;
  }
  return files;
}

/** The files of `npm run docs:events`, from the catalogue of libs/contracts/src and the domain's groupings. */
export function generateEventDocs(groupOf: GroupOf): Record<string, string> {
  return renderEventDocFiles(buildEventCatalogue({ groupOf }));
}
