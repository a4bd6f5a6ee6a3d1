/** Prints a titled table of rows; columns padded to their widest cell (CJK counts double). */
export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => displayWidth(row[i] ?? ''))));
  const line = (row: string[]) => row.map((cell, i) => cell + ' '.repeat(widths[i]! - displayWidth(cell))).join('  ');
  process.stdout.write(`\n${title}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const row of cells.slice(1)) process.stdout.write(`${line(row)}\n`);
}

function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1;
  return width;
}

/** Formats a number with at most `digits` decimals. */
export function fmt(value: number, digits = 1): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Runs `fn` repeatedly for at least `minMs` (and `minRuns` times) and returns runs per second. */
export function measureRate(fn: () => void, minMs = 1_000, minRuns = 3): { perSecond: number; runs: number } {
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs || runs < minRuns) {
    fn();
    runs++;
  }
  return { perSecond: (runs * 1000) / (performance.now() - start), runs };
}
