#!/usr/bin/env node
// The first step of `npm test`: is everything the suite needs on this machine? If not, one line
// naming the packages and a non-zero exit, now, rather than a failure minutes into the suite.
//
//   node scripts/check-prereqs.mjs         check (silent when all is there)
//   node scripts/check-prereqs.mjs --apt   print the Debian packages missing, build tools
//                                          included (for .ci/run, before `npm ci`)
import { createRequire } from 'node:module';
import { BUILD_TOOLS, MIN_NODE_MAJOR, TOOLS, missingTools } from './lib/prereqs.mjs';

const label = (t) => (t.names[0] === t.pkg ? t.pkg : `${t.pkg} (${t.names[0]})`);

if (process.argv.includes('--apt')) {
  process.stdout.write(
    `${missingTools([...TOOLS, ...BUILD_TOOLS])
      .map((t) => t.pkg)
      .join(' ')}\n`,
  );
  process.exit(0);
}

const problems = [];
const major = Number(process.versions.node.split('.')[0]);
if (major < MIN_NODE_MAJOR) {
  problems.push(`Node.js >= ${MIN_NODE_MAJOR} needed (this is ${process.version})`);
}
const missing = missingTools(TOOLS);
if (missing.length) {
  problems.push(
    `missing ${missing.map(label).join(', ')}: apt-get install ${missing.map((t) => t.pkg).join(' ')}`,
  );
}
// better-sqlite3 is compiled by `npm install` when no prebuilt binary fits: without a compiler
// then, it is left unbuilt and every test would fail on its first store.
try {
  const Database = createRequire(import.meta.url)('better-sqlite3');
  new Database(':memory:').close();
} catch (e) {
  const first = String(e?.message ?? e).split('\n')[0];
  problems.push(
    `better-sqlite3 does not load (${first}): apt-get install python3 make g++, then npm rebuild better-sqlite3`,
  );
}
if (problems.length) {
  process.stderr.write(`cc-agent tests: ${problems.join('; ')} (README: Development)\n`);
  process.exit(1);
}
