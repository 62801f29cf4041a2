// Every message the platform sends goes through here, whatever the sender: the installation's daily
// allowance is taken first (in the database, shared by all processes), passing failures are tried again
// after growing pauses, and each outcome is counted. Callers see domain errors: the allowance used up
// (429 with Retry-After until local midnight) or the message not delivered (503).
import type { Clock } from '../../kernel/clock';
import { RateLimited, Unavailable } from '../../kernel/errors';
import { maskPhone } from '../../kernel/mask';
import { SmsProviderError, type SmsKind, type SmsMessage, type SmsSender } from './sms.kinds';
import type { SmsOutcome, SmsRepository } from './sms.repository';
import { addDays, localTime } from '../../../contracts/local-time';

export interface SmsDeliverySettings {
  /** Messages a day across the installation (LEARNCITY_SMS_DAILY_LIMIT). */
  dailyLimit: number;
  /** Further attempts after a passing failure (LEARNCITY_SMS_RETRIES). */
  retries: number;
  /** The first pause; each next one is three times longer (LEARNCITY_SMS_RETRY_MS). */
  retryBaseMs: number;
  /** Kinds sent only to the inbox, never by SMS (LEARNCITY_SMS_SKIP). */
  skip?: ReadonlySet<SmsKind>;
}

export const DEFAULT_SMS_DELIVERY: SmsDeliverySettings = { dailyLimit: 5000, retries: 2, retryBaseMs: 500 };

/** The budget's day: the calendar date in the installation's zone (Asia/Shanghai unless configured). */
export const shanghaiDay = (at: Date) => localTime.date(at);
const secondsToLocalMidnight = (at: Date) => Math.max(1, Math.ceil((localTime.startOfDay(addDays(localTime.date(at), 1)).getTime() - at.getTime()) / 1000));

export interface SmsDelivery extends SmsSender {
  /**
   * Refuses when today's allowance has no room left (checked before a code is written, so a refusal changes
   * nothing); a refusal of a message of `kind` is counted.
   */
  assertBudget(kind?: SmsKind): Promise<void>;
}

export function createSmsDelivery(deps: {
  sender: SmsSender;
  repo: SmsRepository;
  clock: Clock;
  settings: SmsDeliverySettings;
  /** Where failures are reported, with the phone masked and never the text (codes stay out of logs). */
  log?: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
}): SmsDelivery {
  const { repo, clock, settings } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const exhausted = () => new RateLimited(secondsToLocalMidnight(clock.now()), 'sms.budget_exhausted');
  const count = (kind: SmsKind, outcome: SmsOutcome) => repo.count(shanghaiDay(clock.now()), kind, outcome);

  return {
    async assertBudget(kind?: SmsKind) {
      if ((await repo.used(shanghaiDay(clock.now()))) < settings.dailyLimit) return;
      if (kind) await count(kind, 'refused');
      throw exhausted();
    },

    async send(phone: string, message: SmsMessage) {
      if (settings.skip?.has(message.kind)) return count(message.kind, 'skipped');
      if (!(await repo.reserve(shanghaiDay(clock.now()), settings.dailyLimit))) {
        await count(message.kind, 'refused');
        throw exhausted();
      }
      for (let attempt = 0; ; attempt++) {
        try {
          await deps.sender.send(phone, message);
          return count(message.kind, 'sent');
        } catch (e) {
          // Errors that are not the provider's answer (a TypeError from the network stack) are passing.
          const failure = e instanceof SmsProviderError ? e : new SmsProviderError('network', true, e instanceof Error ? e.message : String(e));
          if (failure.retryable && attempt < settings.retries) {
            await sleep(settings.retryBaseMs * 3 ** attempt);
            continue;
          }
          deps.log?.(`sms ${message.kind} to ${maskPhone(phone)} failed after ${attempt + 1} attempt(s): ${failure.code}`);
          await count(message.kind, 'failed');
          throw new Unavailable('sms.delivery_failed');
        }
      }
    },
  };
}
