const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const MONTH = `(${MONTHS.join('|')})`;
const TIME = '(\\d{2}):(\\d{2}):(\\d{2})';

/** RFC 9110 §5.6.7: IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = new RegExp(`^${DAY}, (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
/** The obsolete RFC 850 form, `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC_850 = new RegExp(`^${LONG_DAY}, (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
/** The obsolete asctime form, `Sun Nov  6 08:49:37 1994`. */
const ASCTIME = new RegExp(`^${DAY} ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);

/**
 * Parses an HTTP-date (RFC 9110 §5.6.7) in any of its three forms and returns its time in ms;
 * undefined for anything else. `Date.parse` is no substitute: it reads `x 2030` and `99999` as
 * dates, and a recipient must ignore an invalid date (§13.1.3), not act on a guess.
 */
export function parseHttpDate(value: string): number | undefined {
  const text = value.trim();
  // Every group of the three patterns takes part in a match, so the defaults are never used.
  let match = IMF_FIXDATE.exec(text);
  if (match) {
    const [, day = '', month = '', year = '', hour = '', minute = '', second = ''] = match;
    return utc(year, month, day, hour, minute, second);
  }
  match = RFC_850.exec(text);
  if (match) {
    const [, day = '', month = '', yy = '', hour = '', minute = '', second = ''] = match;
    // §5.6.7: a two-digit year more than 50 years in the future is the most recent past year of that ending.
    const thisYear = new Date().getUTCFullYear();
    let year = Math.floor(thisYear / 100) * 100 + Number(yy);
    if (year > thisYear + 50) year -= 100;
    return utc(String(year), month, day, hour, minute, second);
  }
  match = ASCTIME.exec(text);
  if (match) {
    const [, month = '', day = '', hour = '', minute = '', second = '', year = ''] = match;
    return utc(year, month, day.trim(), hour, minute, second);
  }
  return undefined;
}

function utc(year: string, month: string, day: string, hour: string, minute: string, second: string): number | undefined {
  const [y, d, h, m, s] = [year, day, hour, minute, second].map(Number) as [number, number, number, number, number];
  const monthIndex = MONTHS.indexOf(month);
  // Not Date.UTC(y, …): it reads the years 0 to 99 as 1900 to 1999.
  const ms = new Date(0).setUTCFullYear(y, monthIndex, d) + ((h * 60 + m) * 60 + s) * 1000;
  const date = new Date(ms);
  // Reject 31 Feb and 25:00:00 rather than let Date roll them over.
  if (date.getUTCDate() !== d || date.getUTCMonth() !== monthIndex || h > 23 || m > 59 || s > 60) return undefined;
  return ms;
}
