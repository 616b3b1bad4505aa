'use strict';
// Dashboard polling, Rung against its peer in the same run: the trend endpoint answering 304 to
// If-None-Match on keep-alive connections, and a bare Fastify 5 server answering 304 the same way
// (bench/peers/fastify-304.js), each in its own process, measured in turn ROUNDS times with autocannon.
// Bar (issue 14): ratio ≥ 0.5, ≥ 10,000 requests/s, p99 ≤ 20 ms, every answer a 304.
const { report } = require('./lib/child');
const { interleaved, ratiosOf, sideBySide } = require('./lib/peer');
const { median } = require('./lib/median');
const { load, currentEtag, poll } = require('./trend');

const ROUNDS = Number(process.env.BENCH_SIDE_ROUNDS ?? 3);

async function main() {
  return sideBySide('trend', 'fastify-304', () => [], async (rung, peer) => {
    await load(rung.url, rung.keys.ingest);
    const etag = await currentEtag(rung.url, rung.keys.dashboard);
    await poll(rung.url, rung.keys.dashboard, etag);
    await poll(peer.url, 'none', '"peer-etag"', '/trend');
    const { rung: rungs, peer: peers } = await interleaved(ROUNDS,
      () => poll(rung.url, rung.keys.dashboard, etag),
      () => poll(peer.url, 'none', '"peer-etag"', '/trend'));
    const rps = rungs.map((r) => r.requests.average);
    const peerRps = peers.map((r) => r.requests.average);
    const ratios = ratiosOf(rps, peerRps);
    const p99 = median(rungs.map((r) => r.latency.p99));
    const all304 = rungs.every((r) => r['3xx'] === r.requests.total) && peers.every((r) => r['3xx'] === r.requests.total);
    const ratio = median(ratios);
    const meets = ratio >= 0.5 && median(rps) >= 10_000 && p99 <= 20 && all304;
    return [report('trend-side-by-side', ratio, 'ratio (Rung 304s/s ÷ bare Fastify 304s/s)', 0.5, meets, {
      rungRequestsPerSecond: rps, peerRequestsPerSecond: peerRps, ratios, rungP99Ms: rungs.map((r) => r.latency.p99), peerP99Ms: peers.map((r) => r.latency.p99), all304,
    })];
  });
}

module.exports = { main };
if (require.main === module) main().catch((e) => { console.error(e); process.exit(1); });
