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
  return cut > 0 ? flat.slice(0, cut) : `${sliceCodePoints(flat, target).trimEnd()}…`;
}

/** The first `length` UTF-16 units, shortened by one so as never to split a surrogate pair. */
function sliceCodePoints(text: string, length: number): string {
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}
