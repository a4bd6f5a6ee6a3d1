/** Collapses runs of white space (including U+3000 ideographic space) to one space and trims. */
export function squash(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, ' ').trim();
}
