import { requireArg } from './args.js';
import { activityLabel, costLabel, count, duration, json, statusLabel } from '../view/format.js';
import * as c from './contracts/agents.js';
import { defineCommand } from './types.js';

export const session = defineCommand(c.session, async (io) => {
  await io.engine().refresh();
  const r = await io.engine().session(requireArg(io, 0, 'job id', c.session.usage));
  if (io.flags.json) {
    io.out(json(r));
    return 0;
  }
  const j = r.job;
  const ended = j.endedAt ? Date.parse(j.endedAt) : Date.now();
  const tools = Object.entries(r.toolCalls).sort((a, b) => b[1] - a[1]);
  const lines = [
    `job       ${j.id}  ${statusLabel(j)}${j.activity ? `  (${activityLabel(j)})` : ''}`,
    `model     ${r.model ?? 'unknown'}${j.effort ? ` · effort ${j.effort}` : ''}`,
    `time      ${j.startedAt ? duration(ended - Date.parse(j.startedAt)) : '-'}`,
    `messages  ${r.userMessages} prompts · ${r.assistantMessages} replies${r.compactions ? ` · ${r.compactions} compactions` : ''}`,
    `tokens    ${count(j.tokens.input)} in · ${count(j.tokens.output)} out · ${count(j.tokens.cacheRead)} cache read · ${count(j.tokens.cacheCreation)} cache write`,
    `cost      ${costLabel(j)}`,
    `context   ${j.contextPct === null ? '-' : `${j.contextPct}%`}`,
    `tools     ${tools.length ? tools.map(([t, n]) => `${t} ${n}`).join(' · ') : '-'}`,
    `files     ${j.filesModified.length ? '' : '-'}`,
    ...j.filesModified.map((f) => `  ${f}`),
  ];
  if (r.lastMessage) lines.push(`last      ${r.lastMessage.split('\n')[0] ?? ''}`);
  if (r.transcriptPath) lines.push(`transcript ${r.transcriptPath}`);
  io.out(lines.join('\n'));
  return 0;
});
