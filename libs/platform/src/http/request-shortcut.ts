import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';

/** Provided by an app that can answer some requests without the framework (see `installShortcut`). */
export const REQUEST_SHORTCUT = Symbol('REQUEST_SHORTCUT');

/**
 * Answers a request itself, or hands it to the framework by calling `next`, at once or later. It
 * must answer only what the framework would answer the same way: it is an optimisation, never a rule.
 */
export interface RequestShortcut {
  handle(req: IncomingMessage, res: ServerResponse, next: () => void): void;
}

/** Puts the shortcut in front of the server's request listener (the framework's), ahead of every middleware. */
export function installShortcut(server: Server, shortcut: RequestShortcut): void {
  const listeners = server.listeners('request') as RequestListener[];
  if (listeners.length !== 1) throw new Error(`expected one request listener, found ${listeners.length}`);
  const [framework] = listeners;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => shortcut.handle(req, res, () => framework(req, res)));
}
