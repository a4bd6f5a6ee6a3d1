import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.js';
import { loadConfig, parseConfig } from '../../src/config/load-config.js';
import { ROOT } from '../support/paths.js';

const EXAMPLE = path.join(ROOT, 'syndicator.example.yaml');
const exampleText = readFileSync(EXAMPLE, 'utf8');
const parse = (text: string) => parseConfig(text, '/etc/syndicator.yaml', { port: 8080 });

describe('loadConfig', () => {
  it('reads the bundled example with the five Tai’an channels and its sources', () => {
    const config = loadConfig({ PORT: '9090' });
    expect(config.configPath).toBe(EXAMPLE);
    expect(config.channels.map((c) => c.id)).toEqual(['taian', 'xintai', 'feicheng', 'ningyang', 'dongping']);
    expect(config.http.port).toBe(9090);
    expect(config.site.publicUrl).toBe('http://localhost:9090');
    expect(config.sources.length).toBeGreaterThanOrEqual(6);
    expect(Object.isFrozen(config.sources[0])).toBe(true);
  });

  it('takes the admin token from SYNDICATOR_ADMIN_TOKEN', () => {
    expect(loadConfig({ SYNDICATOR_ADMIN_TOKEN: 'ops-token-1234' }).http.adminToken).toBe('ops-token-1234');
    expect(loadConfig({}).http.adminToken).toBeUndefined();
  });

  it('resolves local source paths against the config file and parses intervals', () => {
    const config = parseConfig(exampleText, EXAMPLE, { port: 8080 });
    const page = config.sources.find((s) => s.id === 'yybnet-feicheng-kexie')!;
    expect(page.url).toBe(`file://${ROOT}/examples/pages/feicheng-kexie-20170705.html`);
    expect(page.intervalMs).toBe(600_000);
  });

  it('reads allowed origins as exact origins', () => {
    const text = exampleText.replace(
      'sources:\n',
      'sources:\n  - { id: intranet, name: 内网, kind: feed, url: "http://intranet.example:8080/a.rss", allowOrigins: ["http://intranet.example:8080/"] }\n',
    );
    expect(parseConfig(text, EXAMPLE, { port: 8080 }).sources.find((s) => s.id === 'intranet')?.allowOrigins).toEqual([
      'http://intranet.example:8080',
    ]);
  });

  it.each([
    ['PORT is not a number', { PORT: 'eighty' }, /PORT must be a TCP port number, got "eighty"/],
    ['the file is missing', { SYNDICATOR_CONFIG: '/nonexistent/syndicator.yaml' }, /cannot read \/nonexistent\/syndicator.yaml/],
  ])('fails clearly when %s', (_case, env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('parseConfig errors name the line and key', () => {
  const base = `city: { name: 泰安市, code: "3709" }
channels:
  - id: taian
    name: 泰安新闻
sources:
  - id: one
    name: One
    kind: feed
    url: https://example.cn/rss
`;

  it.each([
    ['an unknown source kind', base.replace('kind: feed', 'kind: podcast'), /syndicator\.yaml:8: sources\.0\.kind: /],
    ['a bad interval', `${base}    interval: soon\n`, /syndicator\.yaml:10: sources\.0\.interval: not a duration: "soon"/],
    ['an unknown key', `${base}    colour: red\n`, /syndicator\.yaml:6: sources\.0: Unrecognized key: "colour"/],
    ['a missing city', base.replace('city: { name: 泰安市, code: "3709" }\n', ''), /city: /],
    ['a channel named all', base.replace('id: taian', 'id: all'), /syndicator\.yaml:3: channels\.0\.id: "all" is reserved/],
    ['an unknown channel on a source', `${base}    channels: [nowhere]\n`, /sources\.0\.channels: unknown channel "nowhere"/],
    ['a duplicate source id', `${base}  - { id: one, name: Two, kind: page, url: a.html }\n`, /source id "one" is used twice/],
    [
      'a source rule that is not a CSS selector',
      `${base}    rules: { body: "div[" }\n`,
      /sources\.0\.rules\.body: not a valid CSS selector/,
    ],
    [
      'the replaced allowPrivateNetwork switch',
      `${base}    allowPrivateNetwork: true\n`,
      /syndicator\.yaml:10: sources\.0\.allowPrivateNetwork: replaced by allowOrigins/,
    ],
    [
      'an allowed origin with a path',
      `${base}    allowOrigins: ["http://intranet.example:8080/feeds"]\n`,
      /sources\.0\.allowOrigins\.0: an origin: http\(s\):\/\/host\[:port\]/,
    ],
    [
      'an allowed origin with credentials',
      `${base}    allowOrigins: ["http://u:p@intranet.example"]\n`,
      /sources\.0\.allowOrigins\.0: an origin/,
    ],
    ['broken YAML (a key twice)', `${base}    name: Again\n`, /syndicator\.yaml:10: invalid YAML: Map keys must be unique/],
  ])('%s', (_case, text, message) => {
    expect(() => parse(text)).toThrow(ConfigError);
    expect(() => parse(text)).toThrow(message);
  });
});
