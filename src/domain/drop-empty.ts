/**
 * Returns the text, or undefined when it is empty, so that `??` can supply a default:
 * an unset variable, an attribute written `rel=""` and a blank capture all mean "not given".
 */
export function dropEmpty(text: string | undefined): string | undefined {
  return text === '' ? undefined : text;
}
