/** The page's only way to Rung: the public API, with the key the user typed, kept in sessionStorage. */

const KEY_ITEM = 'rung.apiKey';

export function storedKey(): string | null {
  return sessionStorage.getItem(KEY_ITEM);
}

export function storeKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY_ITEM, key);
  else sessionStorage.removeItem(KEY_ITEM);
}

export interface Answer<T> {
  status: number;
  body: T | null;
  etag: string | null;
  disclosure: string | null;
  problem: string | null;
}

/** GET a path of this server's API; a 304 answers with no body. Never throws for an HTTP status. */
export async function get<T>(path: string, options: { etag?: string | null; accept?: string } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  const key = storedKey();
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.etag) headers['if-none-match'] = options.etag;
  const res = await fetch(path, { headers, cache: 'no-store', credentials: 'omit' });
  const etag = res.headers.get('etag');
  const disclosure = res.headers.get('rung-disclosure');
  if (res.status === 304) return { status: 304, body: null, etag: etag ?? options.etag ?? null, disclosure, problem: null };
  const type = res.headers.get('content-type') ?? '';
  if (!res.ok) {
    let problem = `The server answered ${res.status}.`;
    if (type.includes('json')) {
      const doc = (await res.json()) as { detail?: string; title?: string };
      problem = doc.detail ?? doc.title ?? problem;
    }
    return { status: res.status, body: null, etag, disclosure, problem };
  }
  const body = (type.includes('json') ? await res.json() : await res.text()) as T;
  return { status: res.status, body, etag, disclosure, problem: null };
}

/** The message a person sees for a refused request. */
export function refusal(status: number, problem: string | null): string {
  if (status === 401) return 'This key was not recognised (401): check that you copied the whole key, and that it has not been revoked.';
  if (status === 403) return 'This key may not read this (403): it needs the dashboard or research role, for this organisation.';
  if (status === 429) return 'Too many requests for this key (429): wait a moment and try again.';
  return problem ?? `The server answered ${status}.`;
}

/** Saves text as a file download, without leaving the page. */
export function saveFile(name: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
