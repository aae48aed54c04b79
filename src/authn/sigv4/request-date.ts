// Reading a request's signing time (X-Amz-Date or Date) and writing times in SigV4's
// ISO 8601 basic format (20150830T123600Z).

const BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
// AWS also takes the extended form in the header; the string to sign always uses the basic one.
const EXTENDED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?Z$/;
// RFC 9110 IMF-fixdate, the form of the Date header.
const IMF_FIXDATE =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface SigningTime {
  date: Date;
  /** The same instant in ISO 8601 basic format, as the string to sign carries it. */
  amzDate: string;
}

/** A calendar time in UTC, or undefined when a field is out of range (20150231, 25:00 …). */
function utc(year: number, month: number, day: number, hour: number, minute: number, second: number) {
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const exact =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return exact ? date : undefined;
}

function fromIso(match: RegExpExecArray): Date | undefined {
  return utc(
    Number(match[1]),
    Number(match[2]),
    Number(match[3]),
    Number(match[4]),
    Number(match[5]),
    Number(match[6]),
  );
}

function signingTime(date: Date | undefined, amzDate?: string): SigningTime | undefined {
  return date === undefined ? undefined : { date, amzDate: amzDate ?? toAmzDate(date) };
}

// Requests signed in the same second carry the same X-Amz-Date: the last one read is kept.
let lastBasic: { value: string; time: SigningTime } | undefined;

/** X-Amz-Date: ISO 8601 basic or extended, UTC. */
export function parseAmzDate(value: string): SigningTime | undefined {
  if (lastBasic?.value === value) return lastBasic.time;
  const basic = BASIC.exec(value);
  if (basic !== null) {
    const time = signingTime(fromIso(basic), value);
    if (time !== undefined) lastBasic = { value, time: Object.freeze(time) };
    return time;
  }
  const extended = EXTENDED.exec(value);
  return extended === null ? undefined : signingTime(fromIso(extended));
}

/** Date header: as X-Amz-Date, or an HTTP IMF-fixdate. */
export function parseDateHeader(value: string): SigningTime | undefined {
  const iso = parseAmzDate(value);
  if (iso !== undefined) return iso;
  const match = IMF_FIXDATE.exec(value);
  if (match === null) return undefined;
  const month = MONTHS.indexOf(match[2] ?? '') + 1;
  return signingTime(
    utc(Number(match[3]), month, Number(match[1]), Number(match[4]), Number(match[5]), Number(match[6])),
  );
}

/** 20150830T123600Z */
export function toAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}
