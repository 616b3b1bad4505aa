/** Where each stream's records lie in the journal, and the body digest of every event id. */
export class StreamIndex {
  private readonly hashes = new Map<string, string>();
  private readonly streams = new Map<string, { offsets: number[]; lengths: number[] }>();
  private records = 0;

  get size(): number {
    return this.records;
  }

  hashOf(eventId: string): string | undefined {
    return this.hashes.get(eventId);
  }

  versionOf(streamId: string): number {
    return this.streams.get(streamId)?.offsets.length ?? 0;
  }

  add(eventId: string, hash: string, streamId: string, offset: number, length: number): void {
    let stream = this.streams.get(streamId);
    if (!stream) {
      stream = { offsets: [], lengths: [] };
      this.streams.set(streamId, stream);
    }
    stream.offsets.push(offset);
    stream.lengths.push(length);
    this.hashes.set(eventId, hash);
    this.records += 1;
  }

  locations(streamId: string): Array<{ offset: number; length: number }> {
    const stream = this.streams.get(streamId);
    return stream ? stream.offsets.map((offset, i) => ({ offset, length: stream.lengths[i] })) : [];
  }

  *heads(): Generator<{ streamId: string; version: number }> {
    for (const [streamId, stream] of this.streams) yield { streamId, version: stream.offsets.length };
  }
}
