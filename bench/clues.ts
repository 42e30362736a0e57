import { CONSOLE_HEADERS } from './console-auth';
import type autocannon from 'autocannon';
import { TEXTS } from '../src/conversation/texts';
import { ClueModel } from '../src/store/mongo/models/clue';
import type { Person } from '../src/kernel/people';
import { load } from './load';
import { type OpsPer, opsPer, readOps } from './ops';
import type { ServerProcess } from './server-process';

// One clear case per route (DOMAIN.md), so no submission stops to ask which agency.
const FACTS = [
  '县农业农村局对某养殖场长期向河道偷排污水、河水发黑发臭的问题一直未依法查处，周边耕地受到污染。',
  '县某局印发的规范性文件规定可以对轻微违法行为直接没收财物，与行政处罚法的规定相冲突。',
  '某局副局长利用职务便利，在工程招标中收受施工方红包礼金，为其亲属的关联企业谋取利益。',
];

/**
 * One-line clue submission (`提交线索：…`) and its `确认`, end to end through
 * /console, each pair from a different officer. The figure is clues stored per
 * second (rps null when the build has no clue intake). Requests the load generator
 * gave up on (10 s) are counted, not fatal: the rate counts what was stored.
 */
export async function measureClues(
  bot: ServerProcess,
  officers: Person[],
  seconds: { warm: number; run: number },
): Promise<{ rps: number | null; stored: number; seconds: number; timeouts: number; perClue?: OpsPer }> {
  const probe = await say(bot.url, officers[0]!.userId, `提交线索：${FACTS[0]} 实名`);
  if (probe.includes(TEXTS.notUnderstood)) return { rps: null, stored: 0, seconds: 0, timeouts: 0 };
  if (!probe.includes('确认')) throw new Error('clue bench: the one-line submission did not ask for 确认');
  if (!(await say(bot.url, officers[0]!.userId, '确认')).includes('XS-')) throw new Error('clue bench: 确认 did not give a clue number');

  let next = 0;
  const requests = (): autocannon.Request[] => [
    {
      method: 'POST',
      headers: CONSOLE_HEADERS,
      setupRequest: (request, context) => {
        const n = next++;
        context.userId = officers[n % officers.length]!.userId;
        return { ...request, path: '/console/messages', body: JSON.stringify({ userId: context.userId, text: `提交线索：${FACTS[n % FACTS.length]} 实名` }) };
      },
    },
    {
      method: 'POST',
      headers: CONSOLE_HEADERS,
      setupRequest: (request, context) => ({ ...request, path: '/console/messages', body: JSON.stringify({ userId: context.userId, text: '确认' }) }),
    },
  ];
  await load({ url: bot.url, duration: seconds.warm, requests: requests() });
  const before = await ClueModel.countDocuments({});
  const opsBefore = await readOps(bot);
  const run = await load({ url: bot.url, duration: seconds.run, requests: requests() });
  const opsAfter = await readOps(bot);
  const stored = (await ClueModel.countDocuments({})) - before;
  if (run.non2xx) throw new Error(`clue bench: ${run.non2xx} non-2xx answers`);
  return { rps: stored / run.seconds, stored, seconds: run.seconds, timeouts: run.errors, perClue: opsPer(opsBefore, opsAfter, stored) };
}

async function say(url: string, userId: string, text: string): Promise<string> {
  const res = await fetch(`${url}/console/messages`, {
    method: 'POST',
    headers: CONSOLE_HEADERS,
    body: JSON.stringify({ userId, text }),
  });
  if (res.status !== 200) throw new Error(`console answered ${res.status}`);
  return ((await res.json()) as { replies: { text: string }[] }).replies.map((r) => r.text).join('\n');
}
