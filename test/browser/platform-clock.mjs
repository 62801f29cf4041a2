// Preloaded (`node --import`) into a browser test's platform process when the test asks for a clock it can
// move (startPlatform's `movableClock`): the platform's system clock (src/server/kernel/clock.ts, compiled to
// dist/server/kernel/clock.js, which the platform runs) runs ahead of real time by the milliseconds written in
// the file TEST_CLOCK_AHEAD_FILE names, read at every reading of the clock. A test then passes a check-in code's
// life, a public notice or a lottery round's close by moving the clock instead of waiting for it. Node's own
// timers, Chromium's clock and the HTTP Date header keep real time. JavaScript, not TypeScript: the platform runs
// under plain node.
import { readFileSync } from 'node:fs';
import { systemClock } from '../../dist/server/kernel/clock.js';

const file = process.env.TEST_CLOCK_AHEAD_FILE;
if (file) {
  const realNow = systemClock.now;
  systemClock.now = () => new Date(realNow().getTime() + Number(readFileSync(file, 'utf8')));
}
