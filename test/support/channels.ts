import type { Channel } from '../../src/domain/channel.js';

/** A region channel as the config makes it, with the schema's defaults for what is not given. */
export function testChannel(id: string, name: string, divisions: string[], fields: Partial<Channel> = {}): Channel {
  return { id, name, divisions, rollUp: true, cityWide: false, publicContent: 'full', staleAfterMs: 86_400_000, ...fields };
}
