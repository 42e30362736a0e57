import type { Runtime } from '../runtime';
import { documentAgenda } from '../store/mongo/documents';

/** `agenda rebuild`: files the scheduler's agenda anew from the records (after a restore, an import straight into the database, or a doubt). */
export async function agendaRebuild(_runtime: Runtime, _args: string[]): Promise<void> {
  const entries = await documentAgenda.rebuild();
  process.stdout.write(`agenda rebuilt: ${entries} entries for deadline documents\n`);
}
