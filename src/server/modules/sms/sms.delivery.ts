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
  /**
   * Sends messages one after another and answers each one's result, in order: 'waiting' for those left when
   * the allowance ran out (they were not sent and may go tomorrow). The allowance is taken for all at once
   * (one by one only when fewer are left), and the outcomes are counted together: on enrolment day the notices'
   * copies took two statements each, on one row every process updates.
   */
  sendAll(messages: { phone: string; message: SmsMessage }[]): Promise<('sent' | 'failed' | 'waiting')[]>;
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

  /** One message to the sender, passing failures tried again after growing pauses. */
  async function deliver(phone: string, message: SmsMessage): Promise<'sent' | 'failed'> {
    for (let attempt = 0; ; attempt++) {
      try {
        await deps.sender.send(phone, message);
        return 'sent';
      } catch (e) {
        // Errors that are not the provider's answer (a TypeError from the network stack) are passing.
        const failure = e instanceof SmsProviderError ? e : new SmsProviderError('network', true, e instanceof Error ? e.message : String(e));
        if (failure.retryable && attempt < settings.retries) {
          await sleep(settings.retryBaseMs * 3 ** attempt);
          continue;
        }
        deps.log?.(`sms ${message.kind} to ${maskPhone(phone)} failed after ${attempt + 1} attempt(s): ${failure.code}`);
        return 'failed';
      }
    }
  }

  async function sendAll(messages: { phone: string; message: SmsMessage }[]) {
    const day = shanghaiDay(clock.now());
    const counts = new Map<string, { kind: SmsKind; outcome: SmsOutcome; n: number }>();
    const count = (kind: SmsKind, outcome: SmsOutcome) => {
      const key = `${kind} ${outcome}`;
      counts.set(key, { kind, outcome, n: (counts.get(key)?.n ?? 0) + 1 });
    };
    try {
      const toSend = messages.filter((m) => !settings.skip?.has(m.message.kind)).length;
      const reservedAll = toSend > 1 && (await repo.reserve(day, settings.dailyLimit, toSend));
      const results: ('sent' | 'failed' | 'waiting')[] = [];
      let ranOut = false;
      for (const { phone, message } of messages) {
        if (settings.skip?.has(message.kind)) {
          count(message.kind, 'skipped');
          results.push('sent');
        } else if (ranOut) {
          results.push('waiting');
        } else if (!reservedAll && !(await repo.reserve(day, settings.dailyLimit))) {
          // The allowance ran out (another process may have taken the rest): this one is refused, the rest wait.
          count(message.kind, 'refused');
          results.push('waiting');
          ranOut = true;
        } else {
          const result = await deliver(phone, message);
          count(message.kind, result);
          results.push(result);
        }
      }
      return results;
    } finally {
      await repo.count(day, [...counts.values()]);
    }
  }

  return {
    async assertBudget(kind?: SmsKind) {
      const day = shanghaiDay(clock.now());
      if ((await repo.used(day)) < settings.dailyLimit) return;
      if (kind) await repo.count(day, [{ kind, outcome: 'refused', n: 1 }]);
      throw exhausted();
    },

    async send(phone: string, message: SmsMessage) {
      const [result] = await sendAll([{ phone, message }]);
      if (result === 'waiting') throw exhausted();
      if (result === 'failed') throw new Unavailable('sms.delivery_failed');
    },

    sendAll,
  };
}
