/**
 * The relative times Chinese pages and feeds print — 刚刚, 30秒前, 5分钟前, 3小时前, 2天前,
 * 今天 09:15, 昨天 10:20, 前天 08:00 — as regex sources without anchors. One set of patterns:
 * extraction finds these phrases on a page and hands them on as found; normalize's parseTime
 * reads them against the fetch time. Traditional-character pages write 剛剛, 分鐘, 小時.
 */

/** 刚刚 (剛剛): just now. */
export const JUST_NOW = '(?:刚刚|剛剛)';

/** `3小时前`: a count and a unit ago; groups: count, unit (秒, 分钟, 小时, 天, or 分鐘, 小時). */
export const AGO = '(\\d+)\\s*(秒|分钟|分鐘|小时|小時|天)前';

/** Milliseconds of each unit AGO names. */
export const AGO_UNIT_MS: Readonly<Record<string, number>> = {
  秒: 1_000,
  分钟: 60_000,
  分鐘: 60_000,
  小时: 3_600_000,
  小時: 3_600_000,
  天: 86_400_000,
};

/** `昨天 10:20`: a day word and a time of day; groups: 今天 | 昨天 | 前天, hour, minute. */
export const DAY_AND_CLOCK = '(今天|昨天|前天)\\s*(\\d{1,2})[:：](\\d{2})';

/** How many days back each day word counts. */
export const DAYS_BACK: Readonly<Record<string, number>> = { 今天: 0, 昨天: 1, 前天: 2 };
