import { accountabilityAgenda } from './accountability';
import { clueAgenda } from './clues';
import { consultationAgenda } from './consultations';
import { courtSupervisionAgenda } from './court-supervision';
import { documentAgenda } from './documents';
import { fileAccessAgenda } from './file-access';
import { mediationAgenda } from './mediation';

/** Every register's agenda, with the words `agenda rebuild` reports it under. */
export const AGENDAS = [
  { label: 'deadline documents', agenda: documentAgenda },
  { label: 'clues', agenda: clueAgenda },
  ...[consultationAgenda, fileAccessAgenda, courtSupervisionAgenda, accountabilityAgenda, mediationAgenda].map((r) => ({ label: r.label, agenda: r.agenda })),
] as const;
