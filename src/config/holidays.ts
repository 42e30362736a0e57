import { z } from 'zod';
import { isLocalDate } from '../kernel/time/local-date';

const dateSchema = z.string().refine(isLocalDate, 'must be a real date YYYY-MM-DD');

const holidayYearSchema = z.strictObject({
  holidays: z.array(dateSchema).default([]),
  workdays: z.array(dateSchema).default([]),
});

/** config/holidays.yaml: per year, statutory rest days and make-up working days (调休). */
export const holidaysSchema = z
  .strictObject({
    years: z.record(z.string().regex(/^\d{4}$/, 'a four-digit year'), holidayYearSchema).default({}),
  })
  .superRefine((value, ctx) => {
    for (const [year, data] of Object.entries(value.years)) {
      for (const list of ['holidays', 'workdays'] as const) {
        data[list].forEach((date, index) => {
          if (!date.startsWith(`${year}-`)) {
            ctx.addIssue({ code: 'custom', path: ['years', year, list, index], message: `${date} is not in ${year}` });
          }
        });
      }
      const both = data.holidays.filter((date) => data.workdays.includes(date));
      if (both.length) ctx.addIssue({ code: 'custom', path: ['years', year], message: `both holiday and workday: ${both.join(', ')}` });
    }
  });

export type HolidaysConfig = z.infer<typeof holidaysSchema>;
