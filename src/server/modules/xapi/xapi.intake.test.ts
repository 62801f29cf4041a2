import { describe, expect, it } from 'vitest';
import { durationHours, learningOf, titleOf, HOURS_EXTENSION } from './xapi.intake';

const base = {
  actor: { mbox: 'mailto:a@example.org' },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: { id: 'https://mooc.example.org/course/1', definition: { name: { 'en-US': 'Tea culture', 'zh-CN': '茶文化' } } },
  timestamp: '2026-11-20T08:00:00Z',
  stored: '2026-11-23T02:00:00.000Z',
};

describe('statement intake', () => {
  it.each([
    ['PT1H30M', 1.5],
    ['PT5400S', 1.5],
    ['P1DT2H', 26],
    ['PT45M', 0.75],
    ['P1W', 168],
    ['1 hour', null],
    ['P', null],
    ['PT', null],
    [undefined, null],
  ])('reads the duration %s as %s hours', (d, h) => expect(durationHours(d)).toBe(h));

  it.each([
    ['completed', {}, { outcome: 'completed', hours: 0 }],
    ['passed', { result: { duration: 'PT2H' } }, { outcome: 'completed', hours: 2 }],
    ['attended', { result: { extensions: { [HOURS_EXTENSION]: 1.25 } } }, { outcome: 'attended', hours: 1.3 }],
    ['attended', { context: { extensions: { [HOURS_EXTENSION]: 3 } } }, { outcome: 'attended', hours: 3 }],
    ['completed', { result: { duration: 'PT9999H' } }, { outcome: 'completed', hours: 500 }],
  ])('counts %s with %j', (verb, extra, expected) => {
    expect(learningOf({ ...base, verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` }, ...extra })).toMatchObject({
      ...expected,
      title: '茶文化',
      activityId: 'https://mooc.example.org/course/1',
    });
  });

  it.each([
    ['experienced', {}],
    ['completed', { result: { success: false } }],
    ['completed', { result: { completion: false } }],
    ['completed', { object: { objectType: 'Agent', mbox: 'mailto:b@example.org' } }],
  ])('does not count %s with %j', (verb, extra) => {
    expect(learningOf({ ...base, verb: { id: `http://adlnet.gov/expapi/verbs/${verb}` }, ...extra })).toBeNull();
  });

  it('never dates learning after it was stored', () => {
    expect(learningOf({ ...base, timestamp: '2027-01-01T00:00:00Z' })!.occurredAt.toISOString()).toBe(base.stored);
    expect(learningOf(base)!.occurredAt.toISOString()).toBe('2026-11-20T08:00:00.000Z');
  });

  it('names the activity in Chinese, then English, then its id', () => {
    expect(titleOf({ id: 'x:1', definition: { name: { en: 'Tea' } } })).toBe('Tea');
    expect(titleOf({ id: 'x:1' })).toBe('x:1');
  });
});
