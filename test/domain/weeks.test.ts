import { describe, expect, it } from 'vitest';
import { addDays, isoWeek, parisDay, weekMonday, yearBefore } from '../../domain/weeks.ts';

describe('weeks', () => {
  it('names ISO weeks across year ends', () => {
    expect(isoWeek('2024-07-18')).toBe('2024-W29');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(weekMonday('2025-03-30')).toBe('2025-03-24');
    expect(weekMonday('2025-03-24')).toBe('2025-03-24');
  });

  it('takes the day in Paris time, summer and winter', () => {
    expect(parisDay('2025-03-30T22:30:00.000Z')).toBe('2025-03-31');
    expect(parisDay('2025-01-10T23:30:00.000Z')).toBe('2025-01-11');
    expect(parisDay('2025-01-10T22:30:00.000Z')).toBe('2025-01-10');
    expect(parisDay('2024-07-20T10:30:00.000+02:00')).toBe('2024-07-20');
    expect(parisDay('pas une date')).toBeNull();
  });

  it('starts a 12-month window the day after the same day a year before', () => {
    expect(yearBefore('2025-06-30')).toBe('2024-07-01');
    expect(yearBefore('2024-02-29')).toBe('2023-03-02');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  });
});
