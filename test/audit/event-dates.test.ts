// How CloudTrail writes times: eventTime to the second (the milliseconds dropped, never rounded), for
// four-digit and extended years alike, and timestamps inside elements as `Jul 18, 2018, 4:02:11 PM`.
import { describe, expect, it } from 'vitest';
import { eventElementDate, eventTimeString } from '../../src/audit/event-dates.ts';

describe('eventTimeString', () => {
  it.each([
    ['2018-07-18T16:02:11.999Z', '2018-07-18T16:02:11Z'],
    ['2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00Z'],
    ['+010000-01-01T00:00:00.500Z', '+010000-01-01T00:00:00Z'],
    ['-000001-12-31T23:59:59.001Z', '-000001-12-31T23:59:59Z'],
  ])('%s is written %s', (iso, expected) => {
    expect(eventTimeString(new Date(iso))).toBe(expected);
  });
});

describe('eventElementDate', () => {
  it.each([
    ['2018-07-18T16:02:11.000Z', 'Jul 18, 2018, 4:02:11 PM'],
    ['2018-01-05T00:07:09.000Z', 'Jan 5, 2018, 12:07:09 AM'],
    ['2018-12-31T12:00:00.000Z', 'Dec 31, 2018, 12:00:00 PM'],
  ])('%s is written %s', (iso, expected) => {
    expect(eventElementDate(new Date(iso))).toBe(expected);
  });
});
