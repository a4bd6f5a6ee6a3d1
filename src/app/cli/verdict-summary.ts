import { maskCredentials } from '../../domain/mask-credentials.js';
import type { VerdictTally } from '../../queues/process-and-wait.js';
import { EXIT, writeJson, type CliContext, type ExitCode } from './cli-context.js';

/** Returns the counts of a tally as the summary line says them: `3 created, 0 updated, 1 unchanged, 0 duplicates, 0 failed`. */
function describeTally(tally: VerdictTally): string {
  const { created, updated, unchanged, duplicate, failed } = tally;
  return `${created} created, ${updated} updated, ${unchanged} unchanged, ${duplicate} duplicates, ${failed} failed`;
}

/**
 * Prints the outcome of a command that queued items and awaited their verdicts: the summary line
 * (`<summary>: <counts>`) with each problem on stderr, or with `json` the whole report; returns
 * exit code 1 when anything was skipped or failed.
 */
export function reportVerdicts(
  context: Pick<CliContext, 'stdout' | 'stderr'>,
  json: boolean,
  summary: string,
  report: { verdicts: VerdictTally; errors: string[]; [field: string]: unknown },
): ExitCode {
  const errors = report.errors.map(maskCredentials);
  if (json) writeJson(context.stdout, { ...report, errors });
  else {
    context.stdout.write(`${summary}: ${describeTally(report.verdicts)}\n`);
    for (const error of errors) context.stderr.write(`${error}\n`);
  }
  return errors.length > 0 || report.verdicts.failed > 0 ? EXIT.failed : EXIT.ok;
}
