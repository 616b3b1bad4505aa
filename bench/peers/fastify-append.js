'use strict';
// The floor for ingest: a bare Fastify 5 server on loopback that parses each batch (Fastify's JSON
// parser), appends it to a file, and fdatasyncs once per request before answering how many events it
// took. No validation, no keys, no pseudonyms, no encryption: what durable ingest cannot go below.
// Run as its own process: node bench/peers/fastify-append.js <port> <file>
const { open } = require('node:fs/promises');
const fastify = require('fastify');

async function main() {
  const file = await open(process.argv[3], 'a');
  const app = fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
  app.post('/v1/events', async (req) => {
    const events = req.body.events;
    await file.write(`${JSON.stringify(events)}\n`);
    await file.datasync();
    return { accepted: events.length };
  });
  await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
  process.send?.('listening');
}

main();
