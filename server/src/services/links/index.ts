export { createLink, listLinks, revokeLink, sendLink } from './manage';
export { linkInfo, openLink, type Opener } from './open';
export { coarseNetwork, browserFamily } from './client-hints';
