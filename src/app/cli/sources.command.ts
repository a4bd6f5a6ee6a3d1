import { formatTable } from '../../ops/queue-status.js';
import { readSourceStatuses, type SourceStatus } from '../../ops/source-status.js';
import { isUnhealthy } from '../../ops/sources/source-health.js';
import { SourceChangeError } from '../../ops/sources/source-admin.js';
import { EXIT, parseCommandArgs, UsageError, writeJson, type CliContext, type Command, type ExitCode } from './cli-context.js';
import { SOURCE_FIELD_OPTIONS, SOURCE_FIELD_USAGE, sourceFieldsOf } from './source-flags.js';
import { exportSources, importSources, IMPORT_USAGE } from './sources-opml.js';
import { cliActor, withSources } from './with-sources.js';

const USAGE = `usage: syndicator sources [--failing] [--json]
       syndicator sources add --id ID --name NAME --kind feed|page|list --url URL [field options] [--actor NAME]
       syndicator sources edit ID [field options] [--actor NAME]
       syndicator sources pause|resume|rm ID [--actor NAME]
       syndicator sources import FILE.opml [import options] [--actor NAME]
       syndicator sources export [--output FILE]
       syndicator sources log [--limit 20] [--json]

The sources in force — in Redis; the config file seeds them — with their fetch state and health.
Changes apply to the schedulers at once, with no restart, and are logged with who made them
(--actor, default the user running the command).

  --failing   only the unhealthy sources: gone, failing polls, or failing items
  --json      print the sources as JSON

  add, edit: the fields of a source, checked as the config file's are:
${SOURCE_FIELD_USAGE}
  pause       stop polling it (it stays listed); resume: poll it again, first now
  rm          delete it: no more polls; its articles stay; the config file does not bring it back
  import:
${IMPORT_USAGE}
  export      print every source as OPML 2.0 (feed readers import the feeds; import takes it all back)
  log         the latest changes of sources, newest first, by whom (also those made over the API)
`;

type Subcommand = (args: string[], context: CliContext) => Promise<ExitCode>;

const SUBCOMMANDS: Record<string, Subcommand> = {
  add: addSource,
  edit: editSource,
  pause: simpleChange('pause', 'paused'),
  resume: simpleChange('resume', 'resumed'),
  rm: simpleChange('remove', 'deleted'),
  import: importSources,
  export: exportSources,
  log: showChanges,
};

/** `syndicator sources`: the sources in force and their health; add, edit, pause, resume, rm, import, export, log. */
export const sourcesCommand: Command = {
  name: 'sources',
  synopsis: '[add|edit|pause|resume|rm|import|export|log] …',
  description: 'sources in force and their health; change them at runtime; OPML import and export',
  usage: USAGE,
  async run(args, context) {
    const [first, ...rest] = args;
    const subcommand = first === undefined ? undefined : SUBCOMMANDS[first];
    try {
      return await (subcommand ? subcommand(rest, context) : listSources(args, context));
    } catch (error) {
      if (!(error instanceof SourceChangeError)) throw error;
      context.stderr.write(`syndicator sources: ${error.message}\n`);
      return EXIT.failed;
    }
  },
};

async function listSources(args: string[], context: CliContext): Promise<ExitCode> {
  const { values } = parseCommandArgs(args, { options: { failing: { type: 'boolean' }, json: { type: 'boolean' } } });
  const statuses = await withSources(context.config(), async ({ admin, sourceStates }) =>
    readSourceStatuses(await admin.list(), sourceStates),
  );
  const shown = values.failing ? statuses.filter((status) => isUnhealthy(status.health)) : statuses;
  if (values.json) writeJson(context.stdout, shown);
  else context.stdout.write(formatTable(HEADER, shown.map(sourceRow)));
  return EXIT.ok;
}

const HEADER = ['source', 'kind', 'every', 'last', 'last success', 'errors', 'next poll', 'health', 'why'];

function sourceRow({ id, kind, intervalSeconds, state, health }: SourceStatus): string[] {
  return [
    id,
    kind,
    `${intervalSeconds}s`,
    state.lastStatus ?? 'never',
    state.lastSuccessAt ?? '-',
    String(state.errorCount),
    state.nextPollAt ?? '-',
    health.status,
    health.reasons.join(' | '),
  ];
}

async function addSource(args: string[], context: CliContext): Promise<ExitCode> {
  const { values } = parseCommandArgs(args, { options: { ...SOURCE_FIELD_OPTIONS, actor: { type: 'string' } } });
  const fields = sourceFieldsOf(values, false);
  const record = await withSources(context.config(), ({ admin }) => admin.add(fields, cliActor(values.actor)));
  const { source } = record;
  context.stdout.write(
    `added ${source.kind} source "${source.id}": ${source.name}, polled every ${source.intervalMs / 1000}s, the first poll now\n`,
  );
  return EXIT.ok;
}

async function editSource(args: string[], context: CliContext): Promise<ExitCode> {
  const { values, positionals } = parseCommandArgs(args, {
    allowPositionals: true,
    options: { ...SOURCE_FIELD_OPTIONS, actor: { type: 'string' } },
  });
  const id = onlyId(positionals);
  const changes = sourceFieldsOf(values, true);
  if (Object.keys(changes).length === 0) throw new UsageError('say what to change (syndicator sources --help lists the fields)');
  await withSources(context.config(), ({ admin }) => admin.edit(id, changes, cliActor(values.actor)));
  context.stdout.write(`changed source "${id}": ${Object.keys(changes).join(', ')}\n`);
  return EXIT.ok;
}

/** pause, resume, rm: one source by id. */
function simpleChange(change: 'pause' | 'resume' | 'remove', done: string): Subcommand {
  return async (args, context) => {
    const { values, positionals } = parseCommandArgs(args, { allowPositionals: true, options: { actor: { type: 'string' } } });
    const id = onlyId(positionals);
    await withSources(context.config(), async ({ admin }) => {
      await admin[change](id, cliActor(values.actor));
    });
    const note = change === 'remove' ? ' (its articles stay; the config file will not bring it back)' : '';
    context.stdout.write(`${done} source "${id}"${note}\n`);
    return EXIT.ok;
  };
}

async function showChanges(args: string[], context: CliContext): Promise<ExitCode> {
  const { values } = parseCommandArgs(args, { options: { limit: { type: 'string', default: '20' }, json: { type: 'boolean' } } });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit: a number from 1 to 1000');
  const changes = await withSources(context.config(), ({ admin }) => admin.changes(limit));
  if (values.json) writeJson(context.stdout, changes);
  else
    context.stdout.write(
      formatTable(
        ['at', 'by', 'change', 'source', 'fields'],
        changes.map((change) => [change.at, change.actor, change.change, change.sourceId, (change.fields ?? []).join(',')]),
      ),
    );
  return EXIT.ok;
}

function onlyId(positionals: string[]): string {
  const [id, ...more] = positionals;
  if (id === undefined) throw new UsageError('name the source');
  if (more.length > 0) throw new UsageError(`one source at a time (got ${positionals.join(', ')})`);
  return id;
}
