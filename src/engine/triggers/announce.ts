import type { EngineEvents } from '../events/emitter.js';
import type { AutomationChanges } from '../store/trigger-types.js';

/**
 * The automation repositories' writes, as engine events: each repository reports every write
 * it makes, so no caller has to remember to announce one (and none is announced twice).
 */
export const automationEvents = (events: EngineEvents): AutomationChanges => ({
  trigger: (c) => events.emit('trigger_updated', c),
  approval: (c) => events.emit('approval_updated', c),
  mode: (c) => events.emit('mode_updated', c),
  lease: (c) => events.emit('lease_updated', c),
});
