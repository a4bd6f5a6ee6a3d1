const SENTENCE_END = /[。！？!?；;]/g;

/**
 * Returns a summary of about `target` characters: the leading sentences of the text, cut at a
 * sentence end at or after 60% of the target, or at the target with an ellipsis when no
 * sentence ends in time.
 */
export function summarize(text: string, target = 120): string {
  const flat = text.replace(/\s*\n\s*/g, ' ').trim();
  if (flat.length <= target) return flat;
  let cut = -1;
  for (const match of flat.matchAll(SENTENCE_END)) {
    if (match.index >= target * 1.25) break;
    if (match.index + 1 >= target * 0.6) {
      cut = match.index + 1;
      break;
    }
  }
  return cut > 0 ? flat.slice(0, cut) : `${flat.slice(0, target).trimEnd()}…`;
}
