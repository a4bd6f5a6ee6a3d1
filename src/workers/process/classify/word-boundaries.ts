/** A name found in a text by the automaton, before word boundaries are checked. */
export interface Candidate {
  begin: number;
  end: number;
  /** Only the first edge must fall between words: a landmark ends where it likes (天颐湖|景区 is cut 天|颐|湖景区). */
  openEdgeOnly?: boolean | undefined;
  /** The neighbours that could make a word across its edges; without it, every neighbour could. */
  risk?: EdgeRisk | undefined;
}

/** The characters before and after a name that could begin or end a dictionary word reaching across its edges. */
export interface EdgeRisk {
  before: string;
  after: string;
}

/** Splits a clause into words (jieba): the words, in order, make up the clause. */
export type Segment = (clause: string) => string[];

/** Characters that jieba segments together; anything else (punctuation, spaces) ends a clause. */
const CLAUSE_CHAR = /[\u3400-\u9fffA-Za-z0-9]/;

/**
 * Returns the names that stand as words of the text, leftmost-longest without overlaps. A name
 * counts unless a word of the text reaches across one of its edges: 创新泰安 is 创新|泰安, so
 * 新泰 in it does not count, nor 梯门 in 电梯门 or 范镇 in 范|镇长. A word that begins with the
 * name leaves it whole (泰安市委 holds 泰安市). Without words (no segmenter), every name counts.
 */
export function selectWords<T extends Candidate>(candidates: readonly T[], words?: TextWords): T[] {
  const sorted = [...candidates].sort((a, b) => a.begin - b.begin || b.end - a.end);
  const kept: T[] = [];
  let reach = 0;
  for (const candidate of sorted) {
    if (candidate.begin < reach) continue;
    if (words && !words.standsAlone(candidate)) continue;
    kept.push(candidate);
    reach = candidate.end;
  }
  return kept;
}

/**
 * The word boundaries of one text, from a segmenter (jieba), found clause by clause when a name
 * in a clause is first asked about: most of a long text is never segmented.
 */
export class TextWords {
  /** Where words begin (and clauses end), in the clauses segmented so far. */
  private readonly cuts = new Set<number>();
  private readonly segmented = new Set<number>();

  constructor(
    private readonly text: string,
    private readonly segment: Segment,
  ) {}

  /** Whether no word reaches across the edges of a name (only the first edge when `openEdgeOnly`). */
  standsAlone({ begin, end, openEdgeOnly, risk }: Candidate): boolean {
    const before = this.text.charAt(begin - 1);
    const after = this.text.charAt(end);
    const openEdge = begin === 0 || !CLAUSE_CHAR.test(before) || (risk !== undefined && !risk.before.includes(before));
    const closeEdge =
      openEdgeOnly === true || end >= this.text.length || !CLAUSE_CHAR.test(after) || (risk !== undefined && !risk.after.includes(after));
    if (openEdge && closeEdge) return true;
    if (!this.segmentAround(begin)) return true;
    if (!this.cuts.has(begin)) return false;
    if (closeEdge || this.cuts.has(end)) return true;
    // The last word runs past the end: the name is whole only if that word began with it (泰安市委).
    for (let at = begin + 1; at < end; at++) if (this.cuts.has(at)) return false;
    return true;
  }

  /** Segments the clause around a position once; false when the segmenter did not give the clause back whole. */
  private segmentAround(position: number): boolean {
    let start = position;
    while (start > 0 && CLAUSE_CHAR.test(this.text.charAt(start - 1))) start--;
    if (this.segmented.has(start)) return this.cuts.has(start);
    this.segmented.add(start);
    let stop = position;
    while (stop < this.text.length && CLAUSE_CHAR.test(this.text.charAt(stop))) stop++;
    const clause = this.text.slice(start, stop);
    const words = this.segment(clause);
    // A segmenter that does not give back the clause whole says nothing about its words.
    if (words.join('') !== clause) return false;
    let at = start;
    for (const word of words) {
      this.cuts.add(at);
      at += word.length;
    }
    this.cuts.add(stop);
    return true;
  }
}
