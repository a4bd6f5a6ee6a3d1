/**
 * How the store's scripts are given their keys: every key a script touches comes in KEYS (Redis:
 * a script touches only the keys given in KEYS, which on Redis Cluster must share one slot), laid
 * out in named groups, then the keys of the ids the caller knows of (scripts/declared-keys.ts
 * reads the layout). A script that meets an id whose keys were not declared (an id in a claim key
 * or an LSH bucket, the next article of a merged chain) says so before it writes anything that
 * matters, and callDeclaring calls it again with those keys declared too.
 */

/** The reply of a script that met ids whose keys were not declared: nothing that matters was written. */
export type Undeclared = ['undeclared', ...string[]];

/** KEYS and ARGV[1] (their layout) of one script call. */
export interface DeclaredKeys {
  readonly keys: string[];
  readonly layout: string;
  /** The call's first arguments, as a script whose number of keys varies takes them: that number, KEYS, the layout. */
  readonly args: [number, ...string[]];
}

/** How an id's keys of each kind are named (the kinds in the order the layout gives them). */
export type KeysOfId = Readonly<Record<string, (id: string) => string>>;

/**
 * Returns the KEYS of a call: the groups in order (a group of one key or of a list), then for
 * each id one key of each kind; and the layout (ARGV[1]) that tells the script where each is.
 */
export function declareKeys(
  groups: Readonly<Record<string, string | readonly string[]>>,
  ids: Iterable<string> = [],
  keysOfId: KeysOfId = {},
): DeclaredKeys {
  const keys: string[] = [];
  const at: Record<string, [first: number, count: number]> = {};
  for (const [name, group] of Object.entries(groups)) {
    const list = typeof group === 'string' ? [group] : group;
    at[name] = [keys.length + 1, list.length];
    keys.push(...list);
  }
  const idList = [...ids];
  const first = keys.length + 1;
  for (const id of idList) for (const keyOf of Object.values(keysOfId)) keys.push(keyOf(id));
  const layout = JSON.stringify({ g: at, ids: idList, kinds: Object.keys(keysOfId), at: first });
  return { keys, layout, args: [keys.length, ...keys, layout] };
}

/** Returns whether a script's reply is the list of ids it met undeclared. */
export function isUndeclared(reply: unknown): reply is Undeclared {
  return Array.isArray(reply) && reply[0] === 'undeclared';
}

/** A script met undeclared ids in every one of its calls (other writers kept adding ids it reads). */
export class UndeclaredKeysError extends Error {}

/** How many times a script is called again with more keys declared before callDeclaring gives up. */
export const MAX_DECLARING_ROUNDS = 10;

export interface DeclaringOptions {
  /** What the error names: the script. */
  readonly script: string;
  /** Ids declared from the first call on. */
  readonly ids?: Iterable<string>;
  /**
   * Returns the ids to declare besides those met (the ids their chains lead to, read ahead), for
   * a script that meets undeclared ids again after the first round: a chain of replaced articles
   * is then followed by cheap reads, not by one script call per link.
   */
  readonly readAhead?: (ids: readonly string[]) => Promise<readonly string[]>;
  readonly maxRounds?: number;
}

/**
 * Calls a script with the ids declared so far until it no longer meets undeclared ids; returns
 * its reply. `declared` (the caller's set) holds every id declared at the end. Throws after
 * maxRounds calls that each met undeclared ids.
 */
export async function callDeclaring<R>(
  call: (ids: ReadonlySet<string>) => Promise<R | Undeclared>,
  options: DeclaringOptions,
  declared = new Set<string>(options.ids),
): Promise<Exclude<R, Undeclared>> {
  const maxRounds = options.maxRounds ?? MAX_DECLARING_ROUNDS;
  let met: string[] = [];
  for (let round = 1; round <= maxRounds; round++) {
    const reply = await call(declared);
    if (!isUndeclared(reply)) return reply as Exclude<R, Undeclared>;
    [, ...met] = reply;
    const ahead = round > 1 && options.readAhead ? await options.readAhead(met) : [];
    for (const id of [...met, ...ahead]) declared.add(id);
  }
  throw new UndeclaredKeysError(
    `store: ${options.script} still met undeclared keys after ${String(maxRounds)} calls (ids ${met.slice(0, 5).join(', ')})`,
  );
}
