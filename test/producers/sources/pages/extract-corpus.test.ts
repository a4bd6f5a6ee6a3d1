import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../../src/app/extract-command.js';
import {
  SCORED_FIELDS,
  TARGETS,
  meetsTarget,
  scorePage,
  totalVerdicts,
  type PageLabel,
  type PageVerdict,
} from '../../../../scripts/extraction-scoring.js';
import { HAS_SHARED, SHARED, SHARED_MISSING } from '../../../support/paths.js';

const CORPUS = path.join(SHARED, 'corpus', 'pages');
const LABELS = path.join(CORPUS, 'labels.json');
const HAS_PAGES = HAS_SHARED && existsSync(LABELS);

/**
 * The scoring of `npm run eval:extract` (rules on) over the labelled page corpus, so that CI
 * catches a regression of the extractor: each field must keep its target.
 */
describe.skipIf(!HAS_PAGES)(
  `article extraction over the labelled pages in ${CORPUS}${HAS_PAGES ? '' : ` (skipped: ${SHARED_MISSING})`}`,
  () => {
    it('meets the title, time, author and body targets with the site rules on', async () => {
      const labels = JSON.parse(readFileSync(LABELS, 'utf8')) as PageLabel[];
      expect(labels.length).toBeGreaterThanOrEqual(30);
      const verdicts: PageVerdict[] = [];
      for (const label of labels) verdicts.push(scorePage(label, await extractPage(path.join(CORPUS, label.file))));
      const totals = totalVerdicts(verdicts);
      for (const field of SCORED_FIELDS) {
        const failures = labels
          .map((label, i) => `${label.file}: ${verdicts[i]![field].why ?? ''}`)
          .filter((_, i) => verdicts[i]![field].scored && !verdicts[i]![field].passed);
        const { passed, total } = totals[field];
        expect(meetsTarget(field, totals[field]), `${field} ${passed}/${total} < ${TARGETS[field]}\n${failures.join('\n')}`).toBe(true);
      }
    }, 120_000);
  },
);
