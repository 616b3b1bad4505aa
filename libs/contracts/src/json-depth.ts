/** The deepest nesting of objects and arrays Rung reads, in a request body or in one event. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a parsed JSON value nests objects or arrays more than `limit` levels deep (a bare object is
 * one level). Iterative, so that no input can overflow the stack; it stops at the first level too deep.
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: value, depth: 1 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.node === null || typeof item.node !== 'object') continue;
    if (item.depth > limit) return true;
    for (const child of Object.values(item.node)) {
      if (child !== null && typeof child === 'object') stack.push({ node: child, depth: item.depth + 1 });
    }
  }
  return false;
}
