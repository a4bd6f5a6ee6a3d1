import { extractPage } from '../extract-command.js';
import { EXIT, parseCommandArgs, UsageError, writeJson, type Command } from './cli-context.js';

/** `syndicator extract`: the article of HTML pages, printed. */
export const extractCommand: Command = {
  name: 'extract',
  synopsis: '<file-or-url>... [--json]',
  description: 'extract the article of HTML pages and print it',
  usage: `usage: syndicator extract <file-or-url>... [--json]

Extracts the article of HTML files or http(s) pages, normalized as the pipeline would: title,
publication time, 来源, authors with their roles (记者, 通讯员, 作者), editors, and the text.

  --json   print title, publishedAt, authors, editors, originalSource, contentText and contentHtml as JSON
`,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs(args, { allowPositionals: true, options: { json: { type: 'boolean' } } });
    if (positionals.length === 0) throw new UsageError('name at least one HTML file or URL');
    const pages = [];
    for (const input of positionals) pages.push(await extractPage(input));
    if (values.json) {
      writeJson(context.stdout, pages);
      return EXIT.ok;
    }
    for (const page of pages) {
      context.stdout.write(
        `# ${page.title}\n${page.file}\n${page.publishedAt ?? '(no time)'}  来源: ${page.originalSource ?? '-'}  作者: ${page.authors.map((author) => `${author.role} ${author.name}`).join('，') || '-'}  编辑: ${page.editors.join('、') || '-'}\n\n${page.contentText}\n\n`,
      );
    }
    return EXIT.ok;
  },
};
