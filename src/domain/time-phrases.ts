/**
 * The relative times Chinese pages and feeds print — 刚刚, 30秒前, 5分钟前, 3小时前, 2天前,
 * 今天 09:15, 昨天 10:20, 前天 08:00 — as regex sources without anchors. One set of patterns:
 * extraction finds these phrases on a page and hands them on as found; normalize's parseTime
 * reads them against the fetch time.
 */

/** 刚刚: just now. */
export const JUST_NOW = '刚刚';

/** `3小时前`: a count and a unit ago; groups: count, unit (秒, 分钟, 小时, 天). */
export const AGO = '(\\d+)\\s*(秒|分钟|小时|天)前';

/** `昨天 10:20`: a day word and a time of day; groups: 今天 | 昨天 | 前天, hour, minute. */
export const DAY_AND_CLOCK = '(今天|昨天|前天)\\s*(\\d{1,2})[:：](\\d{2})';

/** How many days back each day word counts. */
export const DAYS_BACK: Readonly<Record<string, number>> = { 今天: 0, 昨天: 1, 前天: 2 };
