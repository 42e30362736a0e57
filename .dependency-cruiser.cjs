/**
 * Imports flow one way (README "Architecture", ../shared/DESIGN.md):
 *   kernel ← config ← store ← domain ← conversation ← bots,  channels ← (kernel, config only),
 *   scheduler / http ← domain, store, channel contract;  app.ts, server.ts, runtime.ts, cli/ wire everything.
 * `npm run lint` fails on any import that points up a layer, and on any cycle.
 */
const layer = (name) => `^src/${name}/`;
const ABOVE_STORE = ['domain', 'conversation', 'channels', 'scheduler', 'http', 'cli'];
const COMPOSITION = '^(src/(app|server|runtime)\\.ts|src/cli/|bots/)';

const upward = (from, to, comment) => ({
  name: `no-${from}-to-${Array.isArray(to) ? to.join('-') : to}`,
  severity: 'error',
  comment,
  from: { path: layer(from) },
  to: {
    path: []
      .concat(to)
      .map(layer)
      .concat(from === 'kernel' ? [] : []),
  },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'No import cycles, type-only ones included.', from: {}, to: { circular: true } },
    {
      name: 'kernel-is-self-contained',
      severity: 'error',
      comment: 'src/kernel holds the shared kernel (messages, channel names, time, clock, logger, cipher): it imports nothing else of ours.',
      from: { path: '^src/kernel/' },
      to: { path: '^(src/(?!kernel/)|bots/)' },
    },
    upward('config', ['store', ...ABOVE_STORE], 'config/ is read by every layer and reads none of them.'),
    upward('store', ABOVE_STORE, 'store/ implements persistence for the layers above; it never imports them.'),
    upward('domain', ['conversation', 'channels', 'scheduler', 'http', 'cli'], 'domain/ knows no transport and no dialog.'),
    {
      name: 'domain-uses-store-interfaces',
      severity: 'error',
      comment: 'Domain services reach the database only through the repository interfaces of src/store (mongoose stays in src/store/mongo).',
      from: { path: '^src/domain/' },
      to: { path: ['^src/store/mongo/', 'node_modules/mongoose/'] },
    },
    upward('conversation', ['channels', 'scheduler', 'http', 'cli'], 'the inbox and dispatcher are given their channels and bots, never import them.'),
    {
      name: 'conversation-does-not-import-bots',
      severity: 'error',
      comment: 'Bots are registered by the app; the dispatcher only knows the Bot contract.',
      from: { path: '^src/conversation/' },
      to: { path: '^bots/' },
    },
    {
      name: 'bots-see-domain-not-store',
      severity: 'error',
      comment: 'A bot sees its context, the domain services and the record types they return: no database, channel, scheduler or HTTP.',
      from: { path: '^bots/' },
      to: { path: ['^src/store/mongo/', '^src/(channels|scheduler|http|cli)/', '^src/(app|server|runtime)\\.ts$', 'node_modules/mongoose/'] },
    },
    {
      name: 'channels-are-transport-only',
      severity: 'error',
      comment: 'A channel turns requests into InboundMessages and renders what it is given: it imports no store, domain, dialog or bot.',
      from: { path: '^src/channels/' },
      to: { path: ['^src/(store|domain|conversation|scheduler|http|cli)/', '^bots/', 'node_modules/mongoose/'] },
    },
    {
      name: 'nothing-imports-composition',
      severity: 'error',
      comment: 'app.ts, server.ts, runtime.ts and the CLI wire the layers; no layer imports them.',
      from: { path: '^src/(kernel|config|store|domain|conversation|channels|scheduler|http)/' },
      to: { path: COMPOSITION },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
