// One implementation for the tests and the bench scripts.
export { killTmuxServer } from '../../scripts/lib/tmux-server.mjs';
