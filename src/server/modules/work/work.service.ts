// Each staff role's home: how many items wait in each of its queues. Every count is the total of the
// owning module's own list call with the queue's filter, so it is scoped and authorized exactly as the
// queue it links to; a queue the role may not open is left out rather than shown as zero.
import { isStaff, type RequestContext, type Role } from '../../kernel/actor';
import { DomainError, Forbidden, Unauthenticated } from '../../kernel/errors';
import type { PageRequest } from '../../kernel/pagination';

type Counted = (ctx: RequestContext, q: PageRequest & Record<string, unknown>) => Promise<{ total: number }>;

export interface WorkDeps {
  credits: { listRecognitions: Counted; listConversions: Counted };
  bookings: { list: Counted };
  instructors: { list: Counted };
  forms: { myAssignments: Counted };
  offerings: { list: Counted };
  governance: { listTasks: Counted };
  lottery: { list: Counted };
  awards: {
    listCampaigns: (ctx: RequestContext, q: PageRequest & { status?: string }) => Promise<{ items: { id: string }[] }>;
    listObjections: (ctx: RequestContext, q: PageRequest & { campaign: string; status?: string }) => Promise<{ total: number }>;
  };
}

/** A queue: the console page that lists it and the filter that page opens with. */
export interface WorkItem {
  key: string;
  count: number;
  page: string;
  query: Record<string, string>;
}

/** Days ahead within which a class "starts soon" on the home page. */
export const STARTING_WITHIN_DAYS = 7;

interface Queue {
  key: string;
  page: string;
  query: Record<string, string>;
  count: (ctx: RequestContext) => Promise<number>;
}

export function createWorkService(deps: WorkDeps) {
  const one = { page: 1, pageSize: 1 };
  const total = (list: Counted, filter: Record<string, unknown>) => async (ctx: RequestContext) => (await list(ctx, { ...one, ...filter })).total;

  const QUEUES: Record<string, Queue> = {
    recognitions: {
      key: 'recognitions',
      page: 'credits',
      query: { tab: 'recognition', status: 'submitted' },
      count: total(deps.credits.listRecognitions, { status: 'submitted' }),
    },
    conversions: {
      key: 'conversions',
      page: 'credits',
      query: { tab: 'conversion', status: 'submitted' },
      count: total(deps.credits.listConversions, { status: 'submitted' }),
    },
    bookings: {
      key: 'bookings',
      page: 'bookings',
      query: { scope: 'decide', status: 'pending' },
      count: total(deps.bookings.list, { scope: 'decide', status: 'pending' }),
    },
    vetting: { key: 'vetting', page: 'instructors', query: { vettingStatus: 'pending' }, count: total(deps.instructors.list, { vettingStatus: 'pending' }) },
    formsDue: { key: 'formsDue', page: 'reporting', query: { status: 'pending' }, count: total(deps.forms.myAssignments, { status: 'pending' }) },
    formsReturned: { key: 'formsReturned', page: 'reporting', query: { status: 'returned' }, count: total(deps.forms.myAssignments, { status: 'returned' }) },
    formsToReview: { key: 'formsToReview', page: 'reporting', query: { status: 'submitted' }, count: total(deps.forms.myAssignments, { status: 'submitted' }) },
    classesStarting: {
      key: 'classesStarting',
      page: 'offerings',
      query: { status: 'published', startsWithinDays: String(STARTING_WITHIN_DAYS) },
      count: total(deps.offerings.list, { status: 'published', startsWithinDays: STARTING_WITHIN_DAYS }),
    },
    tasksOverdue: {
      key: 'tasksOverdue',
      page: 'governance',
      query: { status: 'open', overdue: 'true' },
      count: total(deps.governance.listTasks, { status: 'open', overdue: true }),
    },
    tasksOpen: { key: 'tasksOpen', page: 'governance', query: { status: 'open' }, count: total(deps.governance.listTasks, { status: 'open' }) },
    lotteryToDraw: { key: 'lotteryToDraw', page: 'lottery', query: { status: 'published' }, count: total(deps.lottery.list, { status: 'published' }) },
    objections: {
      key: 'objections',
      page: 'awards',
      query: {},
      // Objections are kept per campaign; the few campaigns of a district are summed here.
      count: async (ctx) => {
        const campaigns = (await deps.awards.listCampaigns(ctx, { page: 1, pageSize: 200 })).items;
        let n = 0;
        for (const c of campaigns) n += (await deps.awards.listObjections(ctx, { ...one, campaign: c.id, status: 'open' })).total;
        return n;
      },
    },
  };

  /** What each role works on, in the order its home shows it. */
  const BY_ROLE: Record<Role, (keyof typeof QUEUES)[]> = {
    system_admin: ['formsToReview', 'vetting', 'bookings', 'objections', 'classesStarting', 'tasksOverdue', 'recognitions', 'conversions', 'lotteryToDraw'],
    region_admin: ['formsToReview', 'vetting', 'bookings', 'objections', 'classesStarting', 'tasksOverdue', 'recognitions', 'conversions', 'lotteryToDraw'],
    institution_staff: ['classesStarting', 'bookings', 'formsDue', 'formsReturned', 'lotteryToDraw'],
    member_unit_reporter: ['tasksOpen', 'tasksOverdue', 'formsDue', 'formsReturned'],
    credit_bank_officer: ['recognitions', 'conversions'],
    leader: ['classesStarting', 'tasksOverdue', 'objections'],
    instructor: ['classesStarting'],
  };

  return {
    async myWork(ctx: RequestContext): Promise<{ items: WorkItem[] }> {
      if (!ctx.actor) throw new Unauthenticated('auth.required');
      if (!isStaff(ctx.actor) || !ctx.actor.role) throw new Forbidden('auth.forbidden');
      const items: WorkItem[] = [];
      for (const key of BY_ROLE[ctx.actor.role] ?? []) {
        const q = QUEUES[key];
        try {
          items.push({ key: q.key, count: await q.count(ctx), page: q.page, query: q.query });
        } catch (e) {
          // The owning module refused this actor the queue: the home does not offer it either.
          if (!(e instanceof DomainError)) throw e;
        }
      }
      return { items };
    },
  };
}

export type WorkService = ReturnType<typeof createWorkService>;
