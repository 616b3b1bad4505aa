/** A small client of Rung's admin API (§7a), authenticated with an admin key. */
export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly adminKey: string,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.send<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.send<T>('DELETE', path);
  }

  private async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path, this.baseUrl).toString();
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { authorization: `Bearer ${this.adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new Error(`cannot reach Rung at ${this.baseUrl}: ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message}`);
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${detailOf(text)}`);
    return JSON.parse(text) as T;
  }
}

function detailOf(text: string): string {
  try {
    const problem = JSON.parse(text) as { detail?: string; errors?: Array<{ path: string; message: string }> };
    const errors = (problem.errors ?? []).map((e) => `${e.path} ${e.message}`).join('; ');
    return [problem.detail, errors].filter(Boolean).join(' ') || text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}
