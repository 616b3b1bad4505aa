const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{16,512})$/;

/** The token of an `Authorization: Bearer …` header, or undefined for anything else (Basic, empty, malformed). */
export function bearerToken(header: string | undefined): string | undefined {
  return header ? BEARER.exec(header.trim())?.[1] : undefined;
}
