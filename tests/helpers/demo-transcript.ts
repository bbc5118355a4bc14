import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

interface TranscriptRecord {
  type: string;
  message?: { role?: string; content?: unknown };
}

/** The simulated agent's transcript for a session (it lives under the home's demo-claude dir). */
export function transcriptFile(home: string, sessionId: string): string | undefined {
  const projects = join(home, 'demo-claude', 'projects');
  if (!existsSync(projects)) return undefined;
  for (const dir of readdirSync(projects)) {
    const f = join(projects, dir, `${sessionId}.jsonl`);
    if (existsSync(f)) return f;
  }
  return undefined;
}

/** Every prompt the agent received in a session, as recorded (typed/pasted user messages only). */
export function userPrompts(home: string, sessionId: string): string[] {
  const file = transcriptFile(home, sessionId);
  if (!file) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as TranscriptRecord)
    .filter((r) => r.type === 'user' && typeof r.message?.content === 'string')
    .map((r) => r.message?.content as string);
}
