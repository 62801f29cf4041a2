// Partner records that reached the store but no resident's archive, said out loud: the console lists them
// for the offices that manage the partner, with why (a resident id this installation does not have, or an
// identifier no resident has linked), and counts them per day beside the partner's traffic.
import type { RequestContext } from '../../kernel/actor';
import type { PageRequest } from '../../kernel/pagination';
import { offsetOf, pageOf } from '../../kernel/pagination';
import { maskPhone } from '../../kernel/mask';
import { COUNTED_VERBS, titleOf } from './xapi.intake';
import { isOwnHomePage } from './xapi.policy';
import type { UnmatchedRepository } from './unmatched.repository';
import type { Clock } from '../../kernel/clock';
import { PHONE_HOME_PAGE } from './xapi.service';
import type { Obj } from './xapi.validate';

const REPORT_DAYS = 30;

/** An identifier shown to staff without revealing it whole: an e-mail's first letter and domain, a phone masked. */
function describeActor(actor: Record<string, unknown>, origins: string[]): { identifier: string; reason: 'unknown_resident' | 'unlinked_identifier' } {
  const account = actor.account as { homePage?: string; name?: string } | undefined;
  if (account && isOwnHomePage(account.homePage, { origins })) return { identifier: `${account.homePage} · ${account.name}`, reason: 'unknown_resident' };
  if (account?.homePage === PHONE_HOME_PAGE) return { identifier: `tel:${maskPhone(account.name)}`, reason: 'unlinked_identifier' };
  if (account) return { identifier: `${account.homePage} · ${account.name}`, reason: 'unlinked_identifier' };
  const mbox = typeof actor.mbox === 'string' ? actor.mbox.replace(/^mailto:(.)[^@]*@/, 'mailto:$1***@') : null;
  if (mbox) return { identifier: mbox, reason: 'unlinked_identifier' };
  if (typeof actor.mbox_sha1sum === 'string') return { identifier: `sha1:${actor.mbox_sha1sum.slice(0, 8)}…`, reason: 'unlinked_identifier' };
  return { identifier: typeof actor.openid === 'string' ? actor.openid : '', reason: 'unlinked_identifier' };
}

export function createUnmatchedService(deps: {
  repo: UnmatchedRepository;
  clock: Clock;
  accountHomePages: string[];
  /** The partners module's scope check: the partner when the caller manages it, else NotFound. */
  manageablePartner(ctx: RequestContext, id: string): Promise<{ id: string }>;
}) {
  return {
    async list(ctx: RequestContext, partnerId: string, q: PageRequest) {
      const partner = await deps.manageablePartner(ctx, partnerId);
      const from = new Date(deps.clock.now().getTime() - (REPORT_DAYS - 1) * 86_400_000);
      const [{ rows, total }, byDay] = await Promise.all([
        deps.repo.list(partner.id, q.pageSize, offsetOf(q)),
        deps.repo.byDay(partner.id, new Date(from.toISOString().slice(0, 10))),
      ]);
      return {
        ...pageOf(
          q,
          rows.map((r) => ({
            statementId: r.id,
            stored: r.stored.toISOString(),
            outcome: COUNTED_VERBS[r.verbId],
            title: titleOf(r.object as Obj),
            ...describeActor(r.actor, deps.accountHomePages),
          })),
          total,
        ),
        byDay,
      };
    },
  };
}

export type UnmatchedService = ReturnType<typeof createUnmatchedService>;
