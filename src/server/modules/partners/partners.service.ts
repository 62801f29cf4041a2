// Partner platforms: registration by region offices, Basic credentials (secret shown once, stored hashed,
// rotatable), scopes, a read restriction to residents of a region, disabling, and traffic counts.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../db/client';
import type { AuditWriter } from '../../kernel/audit';
import type { Clock } from '../../kernel/clock';
import { isStaff, visibleRegionRoots, type Actor, type RequestContext } from '../../kernel/actor';
import { sha256 } from '../../kernel/crypto';
import { Conflict, Forbidden, NotFound, Unauthenticated, invalidField } from '../../kernel/errors';
import { isUuid, newId } from '../../kernel/ids';
import { offsetOf, type Page, type PageRequest, pageOf } from '../../kernel/pagination';
import type { PartnerInput, PartnerPatch, PARTNER_SCOPES } from '../../../contracts/partners';
import type { RegionsService } from '../regions/index';
import type { PartnerCaller } from '../xapi/index';
import { canManagePartner, canRegisterPartners, isAllowedRestriction } from './partners.policy';
import type { PartnerRow, PartnersRepository } from './partners.repository';

const USAGE_DAYS = 30;

export function createPartnersService(deps: { db: Db; repo: PartnersRepository; clock: Clock; audit: AuditWriter; regions: RegionsService }) {
  const { repo, clock } = deps;
  const dayOf = (d: Date) => d.toISOString().slice(0, 10);
  type UsageBatch = { requests: number; errors: number; written: Promise<void> };
  const pendingUsage = new Map<string, UsageBatch>();
  const writingUsage = new Map<string, Promise<void>>();
  const fromDay = () => dayOf(new Date(clock.now().getTime() - (USAGE_DAYS - 1) * 86_400_000));

  function requireManager(ctx: RequestContext): Actor {
    if (!ctx.actor) throw new Unauthenticated('auth.required');
    if (!isStaff(ctx.actor) || !canRegisterPartners(ctx.actor)) throw new Forbidden('auth.forbidden');
    return ctx.actor;
  }

  async function load(actor: Actor, id: string): Promise<PartnerRow> {
    const row = isUuid(id) ? await repo.find(id) : null;
    if (!row || !canManagePartner(actor, row)) throw new NotFound('partner.not_found');
    return row;
  }

  async function restriction(actor: Actor, raw: string | null): Promise<string | null> {
    const code = raw === null ? null : (await deps.regions.require(raw, 'regionCode')).code;
    if (!isAllowedRestriction(actor, code)) throw invalidField('regionCode', 'partner.region_required');
    return code;
  }

  async function presentMany(rows: PartnerRow[]) {
    const usage = await repo.usageTotals(
      rows.map((r) => r.id),
      fromDay(),
    );
    const names = await deps.regions.namesByCode([...new Set(rows.flatMap((r) => [r.regionCode, r.ownerRegionCode].filter((c): c is string => !!c)))]);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      key: r.key,
      scopes: r.scopes as (typeof PARTNER_SCOPES)[number][], // stored from the checked input only
      regionCode: r.regionCode,
      regionName: r.regionCode ? (names.get(r.regionCode) ?? r.regionCode) : null,
      ownerRegionCode: r.ownerRegionCode,
      ownerRegionName: names.get(r.ownerRegionCode) ?? r.ownerRegionCode,
      status: r.status as 'active' | 'disabled',
      secretRotatedAt: r.secretRotatedAt.toISOString(),
      createdAt: r.createdAt.toISOString(),
      version: r.version,
      usage30d: usage.get(r.id) ?? { requests: 0, errors: 0 },
    }));
  }
  const present = async (row: PartnerRow) => (await presentMany([row]))[0];

  /** 256 random bits: a fast hash is enough (nothing to brute-force), and every xAPI request checks it. */
  const newSecret = () => randomBytes(32).toString('base64url');

  return {
    /** Active partner platforms that may send statements: what a resident consents to when linking an identifier. */
    async senders(): Promise<{ id: string; name: string }[]> {
      const { rows } = await repo.list({ ownerRoots: null, status: 'active', limit: 200, offset: 0 });
      return rows.filter((r) => r.scopes.includes('all') || r.scopes.includes('statements/write')).map((r) => ({ id: r.id, name: r.name }));
    },

    /** A partner the caller manages (for its webhooks), or NotFound. */
    async manageable(ctx: RequestContext, id: string): Promise<PartnerRow> {
      return load(requireManager(ctx), id);
    },

    /** The partner behind Basic credentials, or null; disabled partners and old secrets fail. */
    async authenticate(key: string, secret: string): Promise<PartnerCaller | null> {
      const row = key.length <= 40 ? await repo.byKey(key) : null;
      if (!row || row.status !== 'active') return null;
      const given = Buffer.from(sha256(secret), 'hex');
      if (!timingSafeEqual(given, Buffer.from(row.secretHash, 'hex'))) return null;
      return { id: row.id, key: row.key, name: row.name, scopes: row.scopes, regionCode: row.regionCode };
    },

    /**
     * Counts one request; resolves once the count is written. Requests answered while the partner's previous
     * count is being written are added up and written together, so a busy partner costs one write per round
     * trip, not one per request (issue 20: an xAPI batch's answer was followed by its own upsert).
     */
    countRequest(partnerId: string, isError: boolean): Promise<void> {
      const day = dayOf(clock.now());
      const key = `${partnerId}|${day}`;
      let batch = pendingUsage.get(key);
      if (!batch) {
        const b: UsageBatch = { requests: 0, errors: 0, written: Promise.resolve() };
        pendingUsage.set(key, b);
        const previous = writingUsage.get(key) ?? Promise.resolve();
        b.written = previous
          .catch(() => {})
          .then(() => {
            // From here on, new requests start the next batch.
            if (pendingUsage.get(key) === b) pendingUsage.delete(key);
            return repo.countRequests(partnerId, day, b.requests, b.errors);
          });
        writingUsage.set(key, b.written);
        void b.written
          .finally(() => {
            if (writingUsage.get(key) === b.written) writingUsage.delete(key);
          })
          .catch(() => {});
        batch = b;
      }
      batch.requests++;
      if (isError) batch.errors++;
      return batch.written;
    },

    async list(ctx: RequestContext, q: PageRequest & { status?: string; q?: string }): Promise<Page<Awaited<ReturnType<typeof present>>>> {
      const actor = requireManager(ctx);
      const roots = visibleRegionRoots(actor);
      const { rows, total } = await repo.list({
        ownerRoots: roots === 'all' ? null : actor.regionCodes,
        status: q.status,
        q: q.q,
        limit: q.pageSize,
        offset: offsetOf(q),
      });
      return pageOf(q, await presentMany(rows), total);
    },

    async get(ctx: RequestContext, id: string) {
      const row = await load(requireManager(ctx), id);
      return { ...(await present(row)), usageByDay: await repo.usageByDay(row.id, fromDay()) };
    },

    /** Registers a partner; the secret is in this answer only. */
    async create(ctx: RequestContext, input: PartnerInput) {
      const actor = requireManager(ctx);
      const regionCode = await restriction(actor, input.regionCode);
      const ownerRegionCode =
        actor.role === 'system_admin'
          ? (regionCode ?? actor.regionCodes[0] ?? (await deps.regions.roots()).items[0]?.code ?? '')
          : (actor.regionCodes.find((r) => !regionCode || regionCode.startsWith(r)) ?? actor.regionCodes[0]);
      const id = newId();
      const secret = newSecret();
      const key = `lc${randomBytes(12).toString('hex')}`;
      const now = clock.now();
      await deps.db.transaction(async (tx) => {
        await repo.insert(tx, {
          id,
          name: input.name,
          key,
          secretHash: sha256(secret),
          scopes: [...new Set(input.scopes)],
          regionCode,
          ownerRegionCode,
          status: 'active',
          secretRotatedAt: now,
          createdAt: now,
        });
        await deps.audit(tx, ctx, {
          action: 'partner.create',
          entityType: 'partner',
          entityId: id,
          regionCode: ownerRegionCode,
          details: { name: input.name, key, scopes: input.scopes, regionCode },
        });
      });
      return { ...(await present((await repo.find(id))!)), secret };
    },

    async update(ctx: RequestContext, id: string, patch: PartnerPatch, expectedVersion?: number) {
      const actor = requireManager(ctx);
      const current = await load(actor, id);
      const regionCode = patch.regionCode !== undefined ? await restriction(actor, patch.regionCode) : current.regionCode;
      const updated = await deps.db.transaction(async (tx) => {
        const row = await repo.update(
          tx,
          id,
          {
            ...(patch.name !== undefined && { name: patch.name }),
            ...(patch.scopes !== undefined && { scopes: [...new Set(patch.scopes)] }),
            ...(patch.status !== undefined && { status: patch.status }),
            regionCode,
          },
          expectedVersion,
        );
        if (!row) return null;
        const action =
          patch.status === 'disabled' ? 'partner.disable' : patch.status === 'active' && current.status !== 'active' ? 'partner.enable' : 'partner.update';
        await deps.audit(tx, ctx, { action, entityType: 'partner', entityId: id, regionCode: current.ownerRegionCode, details: { ...patch } });
        return row;
      });
      if (!updated) throw new Conflict('conflict.stale');
      return present(updated);
    },

    /** A new secret; the old one stops working at once. Shown in this answer only. */
    async rotateSecret(ctx: RequestContext, id: string) {
      const actor = requireManager(ctx);
      const current = await load(actor, id);
      const secret = newSecret();
      const row = await deps.db.transaction(async (tx) => {
        const updated = await repo.update(tx, id, { secretHash: sha256(secret), secretRotatedAt: clock.now() });
        await deps.audit(tx, ctx, { action: 'partner.rotate_secret', entityType: 'partner', entityId: id, regionCode: current.ownerRegionCode });
        return updated!;
      });
      return { ...(await present(row)), secret };
    },
  };
}

export type PartnersService = ReturnType<typeof createPartnersService>;
