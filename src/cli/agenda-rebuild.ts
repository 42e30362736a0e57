import type { Runtime } from '../runtime';
import { AGENDAS } from '../store/mongo/agendas';

/** `agenda rebuild`: files the scheduler's agenda anew from the records (after a restore, an import straight into the database, or a doubt). */
export async function agendaRebuild(_runtime: Runtime, _args: string[]): Promise<void> {
  for (const { label, agenda } of AGENDAS) {
    const entries = await agenda.rebuild();
    process.stdout.write(`agenda rebuilt: ${entries} entries for ${label}\n`);
  }
}
