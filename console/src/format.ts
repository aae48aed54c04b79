// How the console writes values it receives in the SDK's JSON shapes: dates as UTC minutes, and a
// last use that never happened as IAM's console says it.

/** An SDK date (ISO string or epoch milliseconds) as `2026-12-05 20:00 UTC`, or '' if absent. */
export function formatDate(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A last-used date (PasswordLastUsed, RoleLastUsed.LastUsedDate…), or "Never" without one. */
export const formatLastUsed = (value: unknown): string => formatDate(value) || 'Never';
