import { bearer } from '../keys';
import type { ChildApp } from '../child-app';

/** Events a child app reports stored from Kafka, read from its /metrics. */
export async function storedByKafka(child: ChildApp): Promise<number> {
  const res = await fetch(`${child.url}/metrics`, { headers: bearer(child.keys.metrics) });
  const line = (await res.text()).split('\n').find((l) => l.startsWith('rung_events_total{') && l.includes('transport="kafka"') && l.includes('result="stored"'));
  return line ? Number(line.split(' ').pop()) : 0;
}
