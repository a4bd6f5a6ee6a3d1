import type { RawItem } from '../../../domain/raw-item.js';

/** How much of a field a message quotes. */
const QUOTED_CHARS = 40;

/**
 * Returns why an item has nothing to publish, naming the item (its link, else its guid) and each
 * field as it came: missing, empty, only whitespace, markup without text, or text that was all
 * page furniture. For the error of an item with neither a title nor any text.
 */
export function describeEmptyItem(item: RawItem, furnitureRemoved: number): string {
  const which = item.url ? `item ${item.url}` : item.guid ? `item with guid ${item.guid}` : 'item without link or guid';
  const fields = [
    `title ${plainField(item.title)}`,
    `text ${plainField(item.text)}`,
    `html ${htmlField(item.html, furnitureRemoved)}`,
    ...(item.summary?.trim() ? ['only a summary, which is not published alone'] : []),
  ];
  return `normalize: ${which} has neither a title nor any text: ${fields.join('; ')}`;
}

function plainField(value: string | undefined): string {
  if (value === undefined) return 'missing';
  if (value === '') return 'empty';
  if (value.trim() === '') return `only whitespace (${JSON.stringify(value.slice(0, QUOTED_CHARS))})`;
  // Text that cleaning removed entirely: control characters, invisible marks.
  return `without readable text (${JSON.stringify(value.slice(0, QUOTED_CHARS))})`;
}

function htmlField(value: string | undefined, furnitureRemoved: number): string {
  if (value === undefined) return 'missing';
  if (value.trim() === '') return value === '' ? 'empty' : 'only whitespace';
  if (furnitureRemoved > 0) return `only page furniture (${furnitureRemoved} part${furnitureRemoved > 1 ? 's' : ''} removed)`;
  return `markup without text (${JSON.stringify(value.slice(0, QUOTED_CHARS))})`;
}
