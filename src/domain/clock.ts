// The clock every time-dependent rule reads, replaceable in tests.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
