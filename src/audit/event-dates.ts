// How CloudTrail writes times: eventTime and creationDate in ISO 8601 to the second, and timestamps
// inside IAM and STS requestParameters and responseElements as `Jul 18, 2018, 4:02:11 PM` (UTC).

/** ISO 8601 to the second, in UTC: eventTime, sessionContext.attributes.creationDate. */
export function eventTimeString(at: Date): string {
  // toISOString always ends in `.sssZ`, whatever the year's width
  const iso = at.toISOString();
  return `${iso.slice(0, -5)}Z`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A timestamp inside IAM and STS elements: `Jul 18, 2018, 4:02:11 PM` (UTC). */
export function eventElementDate(at: Date): string {
  const hours = at.getUTCHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${MONTHS[at.getUTCMonth()]} ${at.getUTCDate()}, ${at.getUTCFullYear()}, ` +
    `${hour12}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`
  );
}
