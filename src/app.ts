import { calendarAttendanceJob } from './scheduler/calendar-jobs';
import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import Router from 'koa-router';
import { capabilityBots } from '../bots';
import { helpBot } from '../bots/help';
import type { Clock } from './kernel/clock';
import type { AppConfig } from './config';
import { createChannels } from './channels';
import type { Channel } from './channels/channel';
import type { ConnectionHealth } from './channels/long-connection';
import { processHolderId, type ConnectionLeases } from './channels/connection-lease';
import { HttpError } from './channels/http-body';
import { Dispatcher } from './conversation/dispatcher';
import { Sessions } from './conversation/sessions';
import { createMongoStores } from './store/mongo';
import type { Stores } from './store/stores';
import { Inbox } from './conversation/inbox';
import { errorSummary } from './kernel/logger';
import type { ChannelName } from './kernel/messages';
import { createServices, type Services } from './domain/services';
import type { Logger } from './kernel/logger';
import { OutboxSender } from './scheduler/outbox-sender';
import { liveRenderers } from './scheduler/live-messages';
import { Scheduler } from './scheduler/scheduler';
import { registerJobs } from './scheduler/jobs';
import { sessionExpiryJob } from './scheduler/session-jobs';
import { retentionJob } from './scheduler/retention-job';
import { useAtRestKeys } from './store/mongo/at-rest';
import { databaseReachable, isDatabaseUnavailable } from './store/mongo/connection';
import { mountReportFiles } from './http/report-files';
import { mountFileAccess } from './http/file-access';
import { mountClueAttachments } from './http/clue-attachments';
import { mountMetrics } from './http/metrics';
import { anyViewer, consoleViewer, sessionViewer } from './http/viewer';
import { mountSignIn } from './http/sign-in';
import { SignedValues } from './http/signed-values';
import type { PlatformSignIn } from './channels/channel';
import { redactPath } from './domain/links/link-tokens';
import { MediaDownloadError, type DownloadMedia } from './kernel/media';

export interface BotRuntime {
  app: Koa;
  stores: Stores;
  sessions: Sessions;
  services: Services;
  inbox: Inbox;
  scheduler: Scheduler;
  sender: OutboxSender;
  channels: Map<ChannelName, Channel>;
}

/** Wires channels → inbox → dispatcher → bots → domain, and the outbox sender and scheduler. */
export function createBot(
  config: AppConfig,
  clock: Clock,
  logger: Logger,
  stores: Stores = createMongoStores({ onUnreadableOutboxRow: (key) => logger.warn({ key }, 'outbox row sealed under an unknown key: skipped') }),
): BotRuntime {
  useAtRestKeys(config.clueKeys.agencyKeys);
  let sender: OutboxSender | undefined;
  const nudge = () => sender?.nudge();
  // Media of an inbound message is fetched through the channel it came from (channels are built below).
  const downloadMedia: DownloadMedia = async (message, maxBytes) => {
    const channel = channels.get(message.channel);
    if (!channel?.downloadMedia || !message.mediaId) throw new MediaDownloadError('unavailable');
    return channel.downloadMedia(message.mediaId, maxBytes);
  };
  // Which channels sign their users in in the platform's browser (channels are built below).
  const signsIn = (channel: string) => Boolean(channels.get(channel)?.signIn);
  const services = createServices(config, clock, logger, stores, nudge, downloadMedia, signsIn);
  const bots = capabilityBots(services);
  const sessions = new Sessions(stores.sessions);
  const dispatcher: Dispatcher = new Dispatcher([helpBot((person) => dispatcher.menuFor(person)), ...bots], services, sessions);
  const inbox = new Inbox({ dispatcher, stores, clock, logger, onEnqueued: nudge });
  const channels = createChannels({
    config,
    clock,
    logger,
    receive: inbox.receive,
    openAttachment: async (url, recipient) => {
      const evidence = await services.clues.attachments.openLink(url, recipient);
      if (evidence) return { bytes: evidence.bytes, filename: evidence.name, contentType: evidence.contentType };
      const file = await services.reports.files.openUrl(url, recipient);
      return file && { bytes: file.data, filename: file.name, contentType: file.contentType };
    },
    reads: {
      people: () => services.roster.all(),
      pushedTo: async (channel, userId, page) => {
        const listed = await stores.outbox.listForUser(channel, userId, page);
        // Platform to-dos and calendar events are not messages: the console has none to show.
        return { ...listed, rows: listed.rows.filter((row) => !row.message.task && !row.message.event) };
      },
    },
    cards: {
      remember: (channel, userId, cardId, handle) => stores.cardHandles.remember(channel, userId, cardId, handle, clock.now()),
      find: (channel, userId, cardId) => stores.cardHandles.find(channel, userId, cardId),
    },
    leases: connectionLeases(stores, clock, processHolderId()),
  });
  sender = new OutboxSender(channels, stores.outbox, clock, logger, liveRenderers(services));
  const scheduler = new Scheduler(clock, sender, logger);
  registerJobs(scheduler, services);
  scheduler.register(sessionExpiryJob(sessions, dispatcher, services));
  scheduler.register(calendarAttendanceJob(channels, services, logger));
  scheduler.register(retentionJob(config.retention, stores.claims, logger));

  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const database = await databaseReachable();
    const connections = connectionHealth(channels);
    const down = connections.filter((c) => !CONNECTION_READY.has(c.state)).map((c) => c.name);
    const ready = database && down.length === 0;
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : database ? `connection down: ${down.join(', ')}` : 'database unreachable', connections };
  });
  for (const channel of channels.values()) channel.mount(router);
  const platforms = new Map<string, PlatformSignIn>([...channels.values()].flatMap((c) => (c.signIn ? [[c.name, c.signIn] as const] : [])));
  const signedValues = new SignedValues(config.signIn.key);
  if (platforms.size) {
    if (config.signIn.developmentKey)
      logger.warn(
        'SIGN_IN_KEY is not set: platform sign-in sessions are signed with the published DEVELOPMENT key. Set SIGN_IN_KEY (openssl rand -base64 32) before real use.',
      );
    mountSignIn(router, {
      platforms,
      values: signedValues,
      clock,
      sessionMinutes: config.signIn.sessionMinutes,
      publicBaseUrl: config.env.PUBLIC_BASE_URL,
      logger,
    });
  }
  const viewerOf = anyViewer(
    sessionViewer(signedValues, clock, new Set(platforms.keys())),
    consoleViewer({ enabled: channels.has('console'), token: config.env.CONSOLE_TOKEN }),
  );
  mountReportFiles(router, services.reports.files, viewerOf);
  mountFileAccess(router, services.fileAccess, viewerOf, signsIn);
  mountClueAttachments(router, services.clues.attachments, viewerOf);
  mountMetrics(
    router,
    () => connectionHealth(channels),
    (state) => CONNECTION_READY.has(state),
  );

  const app = new Koa({ proxy: true });
  app.use(requestLog(logger));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return { app, stores, sessions, services, inbox, scheduler, sender, channels };
}

/** A long connection this process holds and has open, or one another process holds (standby). */
const CONNECTION_READY: ReadonlySet<string> = new Set(['open', 'standby']);

/** Connection leases as claims: one unique row per lease period, `lease:<name>:<period>`, valued with its holder. */
export function connectionLeases(stores: Pick<Stores, 'claims'>, clock: Clock, holder: string): ConnectionLeases {
  return { hold: async (name, period) => (await stores.claims.claim(`lease:${name}:${period}`, holder, clock.now())).value === holder };
}

/** Every long connection of every channel, as /readyz shows it. */
export function connectionHealth(channels: ReadonlyMap<ChannelName, Channel>): ConnectionHealth[] {
  return [...channels.values()].flatMap((channel) => channel.connections?.() ?? []);
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** Request id, one access-log line per request (no bodies), and error → status mapping. */
function requestLog(logger: Logger): Koa.Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    const given = ctx.get('x-request-id');
    // Echoed and logged: only a short id of plain characters is kept, anything else is replaced.
    const requestId = REQUEST_ID.test(given) ? given : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('x-request-id', requestId);
    const log = logger.child({ requestId });
    ctx.state.log = log;
    try {
      await next();
    } catch (err) {
      if (err instanceof HttpError) {
        ctx.status = err.status;
        ctx.body = { error: err.message };
      } else if (isDatabaseUnavailable(err)) {
        // Not stored: a non-2xx makes the platform retry later.
        ctx.status = 503;
        ctx.body = { error: 'service unavailable, retry later' };
        log.error({ err: errorSummary(err) }, 'database unavailable');
      } else {
        ctx.status = 500;
        ctx.body = { error: 'internal error' };
        log.error({ err: errorSummary(err), stack: (err as Error)?.stack?.split('\n').slice(1, 4).join(' | ') }, 'request failed');
      }
    }
    // Link tokens are secrets: a path is logged with every token-like segment cut to its first characters.
    log.info({ method: ctx.method, path: redactPath(ctx.path), status: ctx.status, ms: Math.round(performance.now() - started) }, 'request');
  };
}
