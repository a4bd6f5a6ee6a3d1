import render from 'dom-serializer';
import { Element, Text, type ChildNode } from 'domhandler';
import { escapeUTF8 } from 'entities';
import type { Channel } from '../../domain/channel.js';
import type { Source } from '../../domain/source.js';
import { stripNonXmlChars } from '../../domain/xml-text.js';
import { formatDuration } from '../../config/source-input.js';
import { SYNDICATOR_OPML_NS } from './read-opml.js';

/** A source to export, and whether it is paused. */
export interface ExportedSource {
  source: Source;
  paused: boolean;
}

export interface OpmlExportHead {
  title: string;
  created: Date;
}

/**
 * Returns the sources as an OPML 2.0 file (http://opml.org/spec2.opml), written by a real XML
 * serializer (dom-serializer over domhandler nodes): one folder per channel (a source sits in
 * its first channel's; one without channels at the top), a feed as a `type="rss"` outline with
 * its `xmlUrl`, which any feed reader imports, and a page or list source as a `type="link"`
 * outline. Everything Syndicator needs to add a source again (id, kind, interval, channels,
 * link selector…) is in `syn:` attributes of its own namespace, which other readers ignore.
 */
export function writeSourcesOpml(
  sources: readonly ExportedSource[],
  channels: readonly Pick<Channel, 'id' | 'name'>[],
  head: OpmlExportHead,
): string {
  const folders = new Map<string, ChildNode[]>();
  const top: ChildNode[] = [];
  for (const exported of sources) {
    const channel = channels.find((candidate) => candidate.id === exported.source.channels[0]);
    const outline = outlineOf(exported);
    if (!channel) top.push(outline);
    else folders.set(channel.id, [...(folders.get(channel.id) ?? []), outline]);
  }
  const folderOutlines = channels
    .filter((channel) => folders.has(channel.id))
    .map((channel) => element('outline', { text: channel.name, title: channel.name }, folders.get(channel.id) ?? []));
  const opml = element('opml', { version: '2.0', 'xmlns:syn': SYNDICATOR_OPML_NS }, [
    element('head', {}, [
      element('title', {}, [text(head.title)]),
      element('dateCreated', {}, [text(head.created.toUTCString())]),
      element('docs', {}, [text('http://opml.org/spec2.opml')]),
    ]),
    element('body', {}, [...folderOutlines, ...top]),
  ]);
  indent(opml, 0);
  // Values are escaped by `entities` as XML needs (& < > " '), leaving Chinese text readable; the serializer adds nothing.
  return `<?xml version="1.0" encoding="utf-8"?>\n${render(opml, { xmlMode: true, decodeEntities: false, selfClosingTags: true })}\n`;
}

function outlineOf({ source, paused }: ExportedSource): Element {
  const standard =
    source.kind === 'feed'
      ? { type: 'rss', text: source.name, title: source.name, xmlUrl: source.url }
      : { type: 'link', text: source.name, title: source.name, url: source.url };
  const syn: Record<string, string | undefined> = {
    'syn:id': source.id,
    'syn:kind': source.kind,
    'syn:interval': formatDuration(source.intervalMs),
    'syn:channels': source.channels.length > 0 ? source.channels.join(',') : undefined,
    'syn:encoding': source.encoding,
    'syn:linkSelector': source.linkSelector,
    'syn:allowOrigins': source.allowOrigins.length > 0 ? source.allowOrigins.join(' ') : undefined,
    'syn:rules': source.rules ? JSON.stringify(source.rules) : undefined,
    'syn:fullText': source.fullText === undefined ? undefined : String(source.fullText),
    'syn:maxPages': source.maxPages === undefined ? undefined : String(source.maxPages),
    'syn:paused': paused ? 'true' : undefined,
  };
  return element('outline', { ...standard, ...syn }, []);
}

function element(name: string, attributes: Record<string, string | undefined>, children: ChildNode[]): Element {
  const attribs = Object.fromEntries(
    Object.entries(attributes)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([key, value]) => [key, escapeUTF8(stripNonXmlChars(value))]),
  );
  return new Element(name, attribs, children);
}

function text(value: string): Text {
  return new Text(escapeUTF8(stripNonXmlChars(value)));
}

/** Puts each child element on a line of its own, indented two spaces per level, so that the file reads and diffs well. */
function indent(node: Element, depth: number): void {
  const elements = node.children.filter((child): child is Element => child instanceof Element);
  if (elements.length === 0) return;
  const pad = (level: number) => new Text(`\n${'  '.repeat(level)}`);
  node.children = [...elements.flatMap((child) => [pad(depth + 1), child]), pad(depth)];
  for (const child of elements) indent(child, depth + 1);
}
