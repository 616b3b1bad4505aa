'use strict';
// The peer for dashboard polling: a bare Fastify 5 server on loopback that answers a GET whose
// If-None-Match names its one ETag with 304, and anything else with 200 and a small JSON body.
// Run as its own process: node bench/peers/fastify-304.js <port>
const fastify = require('fastify');

const ETAG = '"peer-etag"';
const BODY = JSON.stringify({ points: [] });

const app = fastify({ logger: false });
app.get('/*', (req, reply) => {
  reply.header('etag', ETAG).header('cache-control', 'private, no-cache');
  if (req.headers['if-none-match'] === ETAG) return reply.code(304).send();
  return reply.type('application/json').send(BODY);
});
app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' }).then(() => process.send?.('listening'));

module.exports = { ETAG };
