// Time comes from here so tests can move it (session expiry, lockouts, SMS code expiry).
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date) {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
  };
}

/**
 * A clock that can be sent to a moment and back: the demo year is written through the services while
 * this clock walks through the year, before the server takes requests. Unset, it is the base clock.
 */
export function travelClock(base: Clock) {
  let moment: Date | null = null;
  return {
    now: () => (moment ? new Date(moment) : base.now()),
    set: (at: Date | null) => {
      moment = at;
    },
  };
}
