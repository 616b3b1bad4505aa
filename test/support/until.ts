/** Polls (bounded) until the condition holds; fails naming what it waited for. Returns the milliseconds it took. */
export async function until(what: string, condition: () => Promise<boolean>, timeoutMs = 15_000, everyMs = 100): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return Date.now() - started;
}
