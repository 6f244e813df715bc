/** How numbers, instants and durations read on every page (English, the API's UTC instants in local time). */
const counts = new Intl.NumberFormat("en-US");

export const formatCount = (n: number): string => counts.format(n);

export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

/** `95` → `1 min 35 s`. */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const formatRate = (perSecond: number): string => `${counts.format(Math.round(perSecond))}/s`;
