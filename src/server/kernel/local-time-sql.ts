// The installation's time zone in SQL, so days and years the database counts are those `localTime` gives.
import { sql, type SQL } from 'drizzle-orm';
import { localTime } from '../../contracts/local-time';

/**
 * The zone as a SQL literal (`'Asia/Shanghai'`), not a parameter: one expression may then stand in both the
 * select list and the group by. The name was checked to be a plain IANA name when it was set.
 */
export const localZoneSql = (): SQL => sql.raw(`'${localTime.zone}'`);
