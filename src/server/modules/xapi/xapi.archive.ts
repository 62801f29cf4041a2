// Where the record store meets the learning archive, both ways: partners' completions and attendances of
// linked residents become archive records; the archive's own records become the platform's statements.
import type { ArchiveService } from '../archive/index';
import { learningOf } from './xapi.intake';
import type { XapiService } from './xapi.service';

export function connectArchive(xapi: XapiService, archive: ArchiveService) {
  // Inside the storing transaction; the archive keeps one record per (resident, 'partner', statement id),
  // so a repeated statement (the store answers it without storing) or a replayed batch records nothing more.
  // A voiding statement is never handed here (see README.md here: voiding leaves the archive as it is).
  xapi.onResidentStatements(async (tx, entries) => {
    for (const e of entries) {
      const learning = learningOf(e.statement);
      if (!learning) continue;
      await archive.record(tx, {
        residentId: e.residentId,
        sourceType: 'partner',
        sourceId: e.statementId,
        title: learning.title,
        hours: learning.hours,
        outcome: learning.outcome,
        provider: e.partnerName,
        occurredAt: learning.occurredAt,
        details: { partnerId: e.partnerId, statementId: e.statementId, activityId: learning.activityId, verb: (e.statement.verb as { id: string }).id },
      });
    }
  });

  // Records from the platform itself (classes, events, online courses …) join the statement stream. Records
  // that came from a partner's statement are in the stream already, so they are not repeated.
  archive.onRecorded(async (tx, record) => {
    if (record.sourceType === 'partner') return;
    if (record.outcome !== 'completed' && record.outcome !== 'attended') return;
    await xapi.recordPlatformEvent(tx, {
      verb: record.outcome,
      residentId: record.residentId,
      object: { id: `${record.sourceType}/${record.sourceId}`, name: record.title },
      result: { completion: true, duration: `PT${Number(record.hours)}H` },
      timestamp: record.occurredAt,
      // The record was just filed under the resident's home, read in this same transaction: no second read.
      regionCode: record.regionCode,
    });
  });
}
