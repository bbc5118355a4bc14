import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyRecord, type Accumulator } from '../../src/engine/transcripts/records.js';
import { emptyStats } from '../../src/engine/transcripts/stats.js';
import { repoRoot } from './cli-harness.js';

/** Records as Claude Code 2.1.331 wrote them (tests/fixtures, captured from the real CLI). */
const SAMPLE = join(
  repoRoot,
  'tests',
  'fixtures',
  'claude-code-2.1.331',
  'transcript-sample.jsonl',
);
export type Rec = Record<string, unknown> & { message: Record<string, unknown> };
export const sample = readFileSync(SAMPLE, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l)) as Rec[];
export const byId = (id: string): Rec => {
  const r = sample.find((x) => x.type === 'assistant' && x.message?.['id'] === id);
  if (!r) throw new Error(`no ${id} in the sample`);
  return structuredClone(r);
};
/** A real text reply: usage input 1005, cache creation 2000, cache read 3000, output 17. */
export const textReply = (): Rec => byId('msg_mock_5');
/** A real Bash tool_use reply (toolu_mock_7), output 42. */
export const toolReply = (): Rec => byId('msg_mock_7');
export const userPrompt = (content: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'user',
  message: { role: 'user', content },
  ...extra,
});

export const fresh = (): Accumulator => ({ stats: emptyStats(), seen: new Set(), last: null });
export const fold = (...records: unknown[]): Accumulator => {
  const acc = fresh();
  for (const r of records) applyRecord(acc, r);
  return acc;
};
