import { describe, expect, it } from 'vitest';
import { fold, toolReply } from '../helpers/transcript-records.js';

describe('applyRecord: tools and files', () => {
  it('counts a tool_use block once by its id', () => {
    const { stats } = fold(toolReply(), toolReply());
    expect(stats.toolCalls).toEqual({ Bash: 1 });
    expect(stats.filesModified).toEqual([]);
  });

  it('collects edited files (Write, Edit, MultiEdit, NotebookEdit) once each, in first-seen order', () => {
    const uses = [
      { name: 'Write', input: { file_path: '/p/my dir/ñ.ts' } },
      { name: 'Edit', input: { file_path: '/p/a.ts' } },
      { name: 'MultiEdit', input: { file_path: '/p/my dir/ñ.ts' } },
      { name: 'NotebookEdit', input: { notebook_path: '/p/n.ipynb' } },
      { name: 'Read', input: { file_path: '/p/read-only.ts' } },
      { name: 'Edit', input: 'not an object' },
    ].map((u, i) => ({ type: 'tool_use', id: `toolu_${i}`, ...u }));
    const reply = toolReply();
    reply.message['content'] = uses;
    const { stats } = fold(reply);
    expect(stats.filesModified).toEqual(['/p/my dir/ñ.ts', '/p/a.ts', '/p/n.ipynb']);
    expect(stats.toolCalls).toEqual({ Write: 1, Edit: 2, MultiEdit: 1, NotebookEdit: 1, Read: 1 });
  });

  it('keeps the files list to 1000 entries', () => {
    const reply = toolReply();
    reply.message['content'] = Array.from({ length: 1005 }, (_, i) => ({
      type: 'tool_use',
      id: `toolu_w${i}`,
      name: 'Write',
      input: { file_path: `/f/${i}` },
    }));
    const { stats } = fold(reply);
    expect(stats.filesModified).toHaveLength(1000);
    expect(stats.filesModified.at(-1)).toBe('/f/999');
    expect(stats.toolCalls['Write']).toBe(1005);
  });

  it('skips tool_use blocks without a name and junk blocks', () => {
    const reply = toolReply();
    reply.message['content'] = [
      null,
      7,
      'text',
      { type: 'tool_use', id: 't1' },
      { type: 'tool_use', name: 42 },
    ];
    expect(fold(reply).stats.toolCalls).toEqual({});
  });
});
