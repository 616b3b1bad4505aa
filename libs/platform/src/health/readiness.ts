import { Injectable } from '@nestjs/common';

export interface ReadinessCheck {
  name: string;
  isReady(): boolean | Promise<boolean>;
}

/** Parts of the system register here what readiness means for them (the store, later Kafka). */
@Injectable()
export class Readiness {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  async report(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
    const results = await Promise.all(this.checks.map(async (c) => [c.name, await safely(c)] as const));
    return { ready: results.every(([, ok]) => ok), checks: Object.fromEntries(results) };
  }
}

async function safely(check: ReadinessCheck): Promise<boolean> {
  try {
    return await check.isReady();
  } catch {
    return false;
  }
}
