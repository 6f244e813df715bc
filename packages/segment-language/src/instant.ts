/**
 * Strict instants (docs/segment-language.md, "Instants and durations"). `new Date(string)` is too lenient
 * (it accepts "2026-02-30", local times, many formats), so dates are parsed by hand:
 * `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fraction]]` with an optional `Z` or `±HH:MM`,
 * calendar-checked, years 0001-9999, read as UTC when no offset is given.
 */

const DAY_MS = 86_400_000;

/** Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Calendar fields of an epoch-ms instant, in UTC (Date's UTC getters are exact for any year). */
export function civilFromMs(ms: number): { year: number; month: number; day: number; msOfDay: number } {
  const d = new Date(ms);
  const msOfDay = ms - Math.floor(ms / DAY_MS) * DAY_MS;
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), msOfDay };
}

/** `ms` plus `years` calendar years in UTC; 29 February becomes 28 February in other years. */
export function addCalendarYears(ms: number, years: number): number {
  const { year, month, day, msOfDay } = civilFromMs(ms);
  const y = year + years;
  const d = month === 2 && day === 29 && !isLeapYear(y) ? 28 : day;
  return daysFromCivil(y, month, d) * DAY_MS + msOfDay;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Reads `n` digits at `i`, or -1 when any is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = digit(s, i + k);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Parses a strict ISO-8601 instant to epoch milliseconds, or `undefined` when `s` is not one
 * of the accepted forms. Fraction digits beyond milliseconds are cut off, not rounded.
 */
export function parseInstant(s: string): number | undefined {
  const n = s.length;
  if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const year = digits(s, 0, 4);
  const month = digits(s, 5, 2);
  const day = digits(s, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const days = daysFromCivil(year, month, day);
  if (n === 10) return days * DAY_MS;
  if (n < 16 || s.charCodeAt(10) !== 84 /* T */ || s.charCodeAt(13) !== 58 /* : */) return undefined;
  const hour = digits(s, 11, 2);
  const minute = digits(s, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return undefined;
  let i = 16;
  let second = 0;
  let millis = 0;
  if (i < n && s.charCodeAt(i) === 58) {
    second = digits(s, i + 1, 2);
    if (second < 0 || second > 59) return undefined;
    i += 3;
    if (i < n && s.charCodeAt(i) === 46 /* . */) {
      i++;
      const start = i;
      while (i < n && digit(s, i) >= 0) i++;
      const count = i - start;
      if (count < 1 || count > 9) return undefined;
      for (let k = 0; k < 3; k++) millis = millis * 10 + (k < count ? digit(s, start + k) : 0);
    }
  }
  let offsetMinutes = 0;
  if (i < n) {
    const c = s.charCodeAt(i);
    if (c === 90 /* Z */) {
      i++;
    } else if (c === 43 || c === 45 /* + - */) {
      if (n - i !== 6 || s.charCodeAt(i + 3) !== 58) return undefined;
      const oh = digits(s, i + 1, 2);
      const om = digits(s, i + 4, 2);
      if (oh < 0 || om < 0 || om > 59 || oh * 60 + om > 14 * 60) return undefined;
      offsetMinutes = (c === 43 ? 1 : -1) * (oh * 60 + om);
      i += 6;
    } else {
      return undefined;
    }
  }
  if (i !== n) return undefined;
  return days * DAY_MS + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
}

/** ISO-8601 text of an epoch-ms instant, for explanations and logs. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString();
}
