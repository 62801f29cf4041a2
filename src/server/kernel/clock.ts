// Time comes from here so tests can move it (session expiry, lockouts, SMS code expiry).
export interface Clock { now(): Date }
export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(start: Date) {
  let current = start.getTime();
  return { now: () => new Date(current), advance: (ms: number) => { current += ms; } };
}
