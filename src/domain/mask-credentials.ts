/** `scheme://user:password@` inside any text: what credentials in a URL look like. */
const CREDENTIALS_IN_URL = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;

/**
 * Returns the text with the user and password of every URL in it replaced by `***`
 * (`redis://:secret@host:6379` → `redis://***@host:6379`), for anything that is logged, shown
 * or stored where others read it: start banners, error messages, source states.
 */
export function maskCredentials(text: string): string {
  return text.replace(CREDENTIALS_IN_URL, '$1***@');
}
