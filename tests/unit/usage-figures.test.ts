import { describe, expect, it } from 'vitest';
import { usageFigures } from '../../src/engine/agents/usage-figures.js';

/** Claude Code 2.1's /usage tab on a subscription: bars with a percentage, then reset times. */
const CLAUDE = [
  '> Count the files',
  '⏺ 12 files.',
  '',
  ' Settings:  Status   Config   Usage  (tab to cycle)',
  '',
  ' Current session',
  ' █████▌                                             11% used',
  ' Resets 5pm (Europe/London)',
  '',
  ' Current week (all models)',
  ' ██                                                 4% used',
  ' Resets Dec 11, 10am (Europe/London)',
  '',
  ' Esc to cancel',
].join('\n');

/** The simulated agent's dialog (src/demo-agent/commands.ts), below the conversation and above its input box. */
const DEMO = [
  '> Session usage is what I asked about',
  '⏺ Sure.',
  ' Session usage',
  '   Total cost:     $0.0412',
  '   Tokens:         8,010 input · 4 output',
  '   Context:        1% of 1,000,000 tokens',
  '   Turns:          1',
  '   Model:          opus (effort xhigh)',
  ' Esc to close',
  '╭──────────────────────╮',
  '│ >                    │',
  '╰──────────────────────╯',
  '  ? for shortcuts',
].join('\n');

describe('usageFigures: the figures of a usage view, not the pane', () => {
  it("reads Claude Code's plan limits: each heading with its bar's percentage and reset time", () => {
    expect(usageFigures(CLAUDE, 'claude')).toEqual([
      { label: 'Current session', value: '11% used · Resets 5pm (Europe/London)' },
      {
        label: 'Current week (all models)',
        value: '4% used · Resets Dec 11, 10am (Europe/London)',
      },
    ]);
  });

  it("reads the simulated agent's labelled lines, from the last heading to the view's end", () => {
    expect(usageFigures(DEMO, 'demo')).toEqual([
      { label: 'Total cost', value: '$0.0412' },
      { label: 'Tokens', value: '8,010 input · 4 output' },
      { label: 'Context', value: '1% of 1,000,000 tokens' },
      { label: 'Turns', value: '1' },
      { label: 'Model', value: 'opus (effort xhigh)' },
    ]);
  });

  it('no usage view on the screen: no figures', () => {
    expect(usageFigures('> hello\n  ? for shortcuts', 'claude')).toEqual([]);
  });
});
