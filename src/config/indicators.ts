import { z } from 'zod';
import { timeOfDay } from './time-of-day';

/** The database queries an indicator may be computed from (src/domain/indicators/sources.ts). */
export const INDICATOR_SOURCES = [
  'inspectionsOfUnit',
  'problemsFound',
  'problemsRectified',
  'rectificationRate',
  'documentsAnsweredOnTime',
  'reconsiderationCorrectionRate',
  'litigationLossRate',
  'accountabilityCases',
  'selfInspectionCompleteness',
  'mediationCases',
  'mediationSuccessRate',
  'clueTransfersOnTime',
] as const;
export type IndicatorSource = (typeof INDICATOR_SOURCES)[number];

/** config/indicators.yaml: the annual indicator set, the kinds answered on time, the February reminder. */
export const indicatorsSchema = z.strictObject({
  indicators: z.array(z.strictObject({ key: z.string().regex(/^[a-zA-Z]+$/), name: z.string().min(1), source: z.enum(INDICATOR_SOURCES) })).min(1),
  answeredKinds: z.array(z.string().min(1)),
  reportDue: z.string().regex(/^\d{2}-\d{2}$/),
  reminderDays: z.array(z.number().int().min(1).max(28)).min(1),
  reminderTime: timeOfDay,
});

export type IndicatorsConfig = z.infer<typeof indicatorsSchema>;
