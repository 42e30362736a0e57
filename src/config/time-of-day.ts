import { z } from 'zod';
import { parseLocalTime } from '../kernel/time/local-time';

/** A wall-clock time "HH:mm" in Asia/Shanghai, as config files write it. */
export const timeOfDay = z.string().refine((value) => {
  try {
    parseLocalTime(value);
    return true;
  } catch {
    return false;
  }
}, 'must be a time HH:mm');
