import { exitUnlessSupportedNode } from '../node-version';

// `npm run vault -- <command>`. The commands are imported only after the Node version check, so an old
// Node gets a sentence, not a stack trace.
exitUnlessSupportedNode();
await import('./commands');
