// How the console writes values it receives in the SDK's JSON shapes: dates as UTC minutes.

/** An SDK date (ISO string or epoch milliseconds) as `2026-12-05 20:00 UTC`, or '' if absent. */
export function formatDate(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
