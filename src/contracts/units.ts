// The indicator catalogue writes its units in Chinese; English screens, sentences and reports use these names.
export const UNITS_EN: Record<string, string> = {
  人: 'people',
  元: 'yuan',
  '元/人·年': 'yuan per resident per year',
  '人/万人': 'per 10,000 residents',
  人次: 'participations',
  条: 'records',
  学时: 'hours',
  个: '',
  所: '',
  次: 'times',
  分钟: 'minutes',
  门: 'courses',
  '%': '%',
  'm²': 'm²',
  '人次/人': 'participations per resident',
  '分钟/人·年': 'minutes per learner per year',
  '次/年': 'per year',
  bool: '',
};

/** A unit as the reader's language writes it ('' when the number needs none). */
export const unitIn = (unit: string | undefined | null, locale: string): string => (!unit ? '' : locale === 'en' ? (UNITS_EN[unit] ?? unit) : unit);
