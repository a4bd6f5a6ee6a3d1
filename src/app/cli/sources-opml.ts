import { readFile, writeFile } from 'node:fs/promises';
import { sourcesFromOpml, type OpmlCandidate } from '../../ops/sources/opml-sources.js';
import { readOpml } from '../../ops/sources/read-opml.js';
import { SourceChangeError, type SourceAdmin } from '../../ops/sources/source-admin.js';
import { writeSourcesOpml } from '../../ops/sources/write-opml.js';
import { decodeBody } from '../../producers/sources/fetch/decode-body.js';
import { EXIT, parseCommandArgs, UsageError, writeJson, type CliContext, type ExitCode } from './cli-context.js';
import { cliActor, withSources } from './with-sources.js';

/** The usage lines of `syndicator sources import`. */
export const IMPORT_USAGE = `  FILE.opml               a feed reader's export (Miniflux, FreshRSS, Feedly…) or Syndicator's own
  --channel ID            file every imported source under this channel (repeat for more); by default a
                          folder named like a channel (its id or name, e.g. 新泰新闻) files its feeds there
  --interval 10m          the poll interval of sources the file gives none
  --allow-origin ORIGIN   an origin the imported sources may reach on private addresses (repeat)
  --dry-run               check and report, add nothing
  --json                  print what was added, left out and refused as JSON
  Sources whose URL is in force already are left out: importing a file twice adds nothing.`;

/** What an import did, outline by outline. */
interface ImportReport {
  file: string;
  added: string[];
  skipped: { line: number; reason: string }[];
  invalid: { line: number; id: unknown; message: string }[];
}

/** `syndicator sources import FILE.opml`: every feed of an OPML file added as a source, scheduled at once. */
export async function importSources(args: string[], context: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, {
    allowPositionals: true,
    options: {
      channel: { type: 'string', multiple: true },
      interval: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      actor: { type: 'string' },
    },
  });
  const [file, ...more] = positionals;
  if (file === undefined || more.length > 0) throw new UsageError('name one OPML file');
  // An OPML file may be in any charset it declares (GBK exports exist): read as a fetched document is.
  const doc = readOpml(decodeBody(await readFile(file)));
  const config = context.config();
  const actor = cliActor(values.actor);
  const report = await withSources(config, async ({ admin }) => {
    const inForce = await admin.list();
    const candidates = sourcesFromOpml(doc, {
      channels: config.channels,
      channelIds: values.channel,
      interval: values.interval,
      allowOrigins: values['allow-origin'],
      takenIds: new Set(inForce.map(({ source }) => source.id)),
      takenUrls: new Map(inForce.map(({ source }) => [source.url, source.id])),
    });
    const check = (fields: Record<string, unknown>) => void admin.check(fields);
    return addCandidates(candidates, values['dry-run'] ? check : async (fields, paused) => addOne(admin, fields, paused, actor), file);
  });
  if (values.json) writeJson(context.stdout, report);
  else writeImportReport(context, report, values['dry-run'] ?? false);
  return report.invalid.length === 0 ? EXIT.ok : EXIT.failed;
}

async function addOne(admin: SourceAdmin, fields: Record<string, unknown>, paused: boolean, actor: string): Promise<void> {
  const { source } = await admin.add(fields, actor);
  if (paused) await admin.pause(source.id, actor);
}

async function addCandidates(
  candidates: readonly OpmlCandidate[],
  add: (fields: Record<string, unknown>, paused: boolean) => Promise<void> | void,
  file: string,
): Promise<ImportReport> {
  const report: ImportReport = { file, added: [], skipped: [], invalid: [] };
  for (const candidate of candidates) {
    if ('skipped' in candidate) {
      report.skipped.push({ line: candidate.line, reason: candidate.skipped });
      continue;
    }
    try {
      await add(candidate.fields, candidate.paused);
      report.added.push(String(candidate.fields.id));
    } catch (error) {
      if (!(error instanceof SourceChangeError)) throw error;
      report.invalid.push({ line: candidate.line, id: candidate.fields.id, message: error.message });
    }
  }
  return report;
}

function writeImportReport(context: CliContext, report: ImportReport, dryRun: boolean): void {
  const verb = dryRun ? 'would import' : 'imported';
  context.stdout.write(
    `${verb} ${report.added.length} sources from ${report.file} (${report.skipped.length} left out, ${report.invalid.length} refused)\n`,
  );
  for (const { line, reason } of report.skipped) context.stdout.write(`${report.file}:${line}: left out: ${reason}\n`);
  for (const { line, id, message } of report.invalid) context.stderr.write(`${report.file}:${line}: ${String(id)}: ${message}\n`);
}

/** `syndicator sources export [--output FILE]`: every source in force as OPML 2.0 (a backup: URLs keep their credentials). */
export async function exportSources(args: string[], context: CliContext): Promise<ExitCode> {
  const { values } = parseCommandArgs(args, { options: { output: { type: 'string' } } });
  const config = context.config();
  const sources = await withSources(config, ({ admin }) => admin.list());
  const opml = writeSourcesOpml(sources, config.channels, { title: `${config.site.name} sources`, created: new Date() });
  if (values.output === undefined) context.stdout.write(opml);
  else {
    await writeFile(values.output, opml, { mode: 0o600 });
    context.stdout.write(`exported ${sources.length} sources to ${values.output}\n`);
  }
  return EXIT.ok;
}
