/** The stages an item passes on its way to a feed, as metrics and logs name them. */
export const PIPELINE_STAGES = ['extract', 'normalize', 'classify', 'dedupe', 'store', 'keywords'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** Receives how long one stage took for one item or document, in seconds. */
export type StageObserver = (stage: PipelineStage, seconds: number) => void;

/** Runs `work` and tells the observer how long it took (also when it throws). */
export function timeStage<T>(observe: StageObserver | undefined, stage: PipelineStage, work: () => T): T {
  if (!observe) return work();
  const started = performance.now();
  try {
    return work();
  } finally {
    observe(stage, (performance.now() - started) / 1000);
  }
}

/** As timeStage, for work that returns a promise: the time until it settles. */
export async function timeStageAsync<T>(observe: StageObserver | undefined, stage: PipelineStage, work: () => Promise<T>): Promise<T> {
  if (!observe) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    observe(stage, (performance.now() - started) / 1000);
  }
}
