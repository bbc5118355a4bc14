import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type CliResult, type Harness } from '../helpers/cli-harness.js';

/** One line on stderr naming what was typed, nothing on stdout, and the given exit code. */
function expectError(r: CliResult, code: number, text: string): void {
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^cc-agent: /);
  expect(lines[0]).toContain(text);
  expect(r.code, lines[0]).toBe(code);
}

describe('usage errors exit 2 with one line echoing what was typed; refusals exit 1', () => {
  let h: Harness;
  beforeAll(() => {
    h = createHarness('usage-err');
  });
  afterAll(() => h.cleanup());

  // Grouped so that each test stays well inside the timeout on a loaded machine.
  const usage: Record<string, [string[], string][]> = {
    'missing arguments and subcommands': [
      [['send'], 'missing job id'],
      [['send', 'deadbeef'], 'missing message'],
      [['status'], 'missing job id'],
      [['trigger', 'add'], 'missing trigger name'],
      [['queue'], 'missing queue subcommand'],
      [['queue', 'frob'], "unknown queue subcommand 'frob'"],
      [['serve', 'frob'], "unknown serve subcommand 'frob'"],
      [['settings', 'retention.hook_events_days'], 'missing value for retention.hook_events_days'],
      [['kill', '--completed', 'deadbeef'], 'kill --completed takes no job id'],
    ],
    'values outside their list or form': [
      [['jobs', '--status', 'dancing'], "invalid --status 'dancing'"],
      [['queue', 'list', '--status', 'dancing'], "invalid --status 'dancing'"],
      [['answer', 'deadbeef', 'maybe'], "invalid answer 'maybe'"],
      [['start', '--agent', 'demo', '-s', 'yolo', 'x'], "invalid --sandbox 'yolo'"],
      [['start', '--agent', 'demo', '-r', 'extreme', 'x'], "invalid --reasoning 'extreme'"],
      [['start', '--agent', 'gpt', 'x'], "unknown agent 'gpt'"],
      [['start', '--agent', 'demo', '  '], 'the prompt is empty'],
      [['send', 'deadbeef', ''], 'the message is empty'],
      [['clean', '--older-than', 'soon'], "invalid duration 'soon'"],
      [['events', '--since', 'yesterdayish'], "invalid --since 'yesterdayish'"],
      [['trigger', 'add', 'x', 'cron', '61 * * * *', 'notify'], "invalid cron '61 * * * *'"],
      [
        ['settings', 'retention.hook_events_days', 'lots'],
        "invalid retention.hook_events_days 'lots'",
      ],
      [['serve', '--origin', 'nope'], "invalid --origin 'nope'"],
    ],
    'numbers: the text as typed, not NaN': [
      [['queue', 'add', 'x', '--priority', 'abc'], "invalid --priority 'abc'"],
      [['queue', 'add', 'x', '--priority', '1.5'], "invalid --priority '1.5'"],
      [['events', '--limit', 'abc'], "invalid --limit 'abc'"],
      [['activity', '--limit', 'x'], "invalid --limit 'x'"],
      [['serve', '--port', 'abc'], "invalid --port 'abc'"],
      [['serve', '--port', '70000'], "invalid --port '70000'"],
      [['pulse', 'run', '--tick-ms', 'abc'], "invalid --tick-ms 'abc'"],
      [['demo', '--seconds', 'abc'], "invalid --seconds 'abc'"],
      [['capture', 'deadbeef', 'abc'], "invalid line count 'abc'"],
      [['events', '--limit'], "invalid --limit ''"],
      [['events', '--limit', '5', '--limit', '6'], 'the flag --limit can only be set once'],
    ],
    'unknown flags spelled as typed, unknown commands': [
      [['start', '--bogus-flag', 'x'], 'unknown flag --bogus-flag'],
      [['jobs', '--bogus-flag'], "unknown flag --bogus-flag for 'jobs'"],
      [['jobs', '-z'], "unknown flag -z for 'jobs'"],
      [['frobnicate'], "unknown command 'frobnicate'"],
    ],
  };

  for (const [what, cases] of Object.entries(usage)) {
    it(`usage errors, ${what}: exit 2, one line, what was typed`, async () => {
      for (const [args, text] of cases) expectError(await h.cli(args), 2, text);
    });
  }

  it('no usage error created anything', async () => {
    expect(JSON.parse(await h.ok(['jobs', '--json']))).toEqual([]);
    expect(JSON.parse(await h.ok(['queue', 'list', '--json']))).toEqual([]);
  });

  it('well-formed input the state of things refuses: exit 1', async () => {
    expectError(await h.cli(['status', 'deadbeef']), 1, "no job with id 'deadbeef'");
    expectError(
      await h.cli(['start', '--agent', 'demo', '-d', '/no/such/dir', 'x']),
      1,
      "--dir '/no/such/dir' does not exist",
    );
    expectError(
      await h.cli(['start', '--agent', 'demo', '-f', '*.nope', 'x']),
      1,
      "--file '*.nope' matched no files",
    );
    expectError(await h.cli(['mode', 'delete', 'dev']), 1, "'dev' is a built-in preset");
  });

  it('text starting with a dash: the error says to put it after --', async () => {
    const hint = async (args: string[], flag: string, fixed: string): Promise<void> => {
      const r = await h.cli(args);
      expectError(r, 2, `unknown flag ${flag}`);
      expect(r.stderr).toContain(`goes after --: cc-agent ${fixed}`);
    };
    await hint(['send', 'deadbeef', '-rf'], '-rf', 'send deadbeef -- -rf');
    await hint(
      ['start', '--agent', 'demo', '-v flag docs'],
      "'-v flag docs'",
      'start --agent demo -- ',
    );
    await hint(['queue', 'add', '-x', 'task'], '-x', 'queue add -- -x task');
    await hint(
      ['reuse', 'deadbeef', '--force-push'],
      '--force-push',
      'reuse deadbeef -- --force-push',
    );
    await hint(['orchestrator', 'inject', '-n'], '-n', 'orchestrator inject -- -n');
    // A command that takes no text has no such hint.
    const r = await h.cli(['jobs', '-rf']);
    expectError(r, 2, "unknown flag -rf for 'jobs'");
    expect(r.stderr).not.toContain('after --');
    // And after -- the text is the agent's, verbatim.
    expectError(await h.cli(['send', 'deadbeef', '--', '-rf']), 1, "no job with id 'deadbeef'");
  });
});
