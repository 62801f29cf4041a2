// Units come with the indicator catalogue in Chinese; an English screen shows their English names.
import { UNITS_EN } from '../../../locales/dashboard';

export const unitIn = (unit: string | undefined | null, locale: string) => (!unit ? '' : locale === 'en' ? (UNITS_EN[unit] ?? unit) : unit);
