/**
 * PostgreSQL text cannot hold U+0000: a NUL that reached a query would fail it (and the request's
 * transaction) as a server error. Found by the fuzz suite (issue 7), refused at the boundary instead:
 * in the JSON body (variables) before execution, and in GraphQL string literals during validation.
 */
import { GraphQLError, type ValidationRule } from 'graphql';

export const NUL_MESSAGE = 'Strings must not contain the NUL character (U+0000)';

/** True when any string anywhere in a parsed JSON value (keys included) contains U+0000. */
export function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (Array.isArray(v)) {
      for (const inner of v) stack.push(inner);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        if (k.includes('\u0000')) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}

/** A GET request's query parameters, with `variables` and `extensions` parsed as JSON where they are. */
export function getVariablesFromSearch(url: string | undefined): unknown {
  const params = new URL(url ?? '/', 'http://hub').searchParams;
  return [...params.entries()].map(([k, v]) => {
    try {
      return [k, k === 'variables' || k === 'extensions' ? JSON.parse(v) : v];
    } catch {
      return [k, v];
    }
  });
}

/** Refuses string literals (after escape decoding, so `"\u0000"` too) holding U+0000. */
export const noNulStringLiterals: ValidationRule = (context) => ({
  StringValue(node) {
    if (node.value.includes('\u0000')) context.reportError(new GraphQLError(NUL_MESSAGE, { nodes: [node] }));
  },
});
