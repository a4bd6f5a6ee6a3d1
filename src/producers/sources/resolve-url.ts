/** Resolves a possibly relative URL against a base; undefined when it is empty or unparsable. */
export function resolveUrl(url: string | undefined, base: string): string | undefined {
  const trimmed = url?.trim();
  if (!trimmed) return undefined;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return undefined;
  }
}
