// Imported first and alone by the server's entry points, before anything that might not load on an old
// Node (better-sqlite3 13, kysely 0.29, ky 2 need 22+): the operator gets one sentence instead of a stack trace.

/** The oldest Node.js the vault server runs on; package.json's `engines` says the same. */
export const MIN_NODE = { major: 22, minor: 12 } as const;

/** Node 24 LTS is the runtime the project is built, tested and documented for. */
export const RECOMMENDED_NODE = 24;

/** What is wrong with this Node version, worded for the person starting the server, or undefined. */
export function nodeVersionProblem(version: string): string | undefined {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  if (major > MIN_NODE.major || (major === MIN_NODE.major && minor >= MIN_NODE.minor)) return undefined;
  return (
    `Vaultshare needs Node.js ${MIN_NODE.major}.${MIN_NODE.minor} or later (Node ${RECOMMENDED_NODE} LTS recommended); ` +
    `this is Node ${version}. Check with \`node --version\`. ` +
    `From the repository, \`. scripts/node-env.sh\` puts Node ${RECOMMENDED_NODE} on the PATH.`
  );
}

/** Stops the process with that sentence when this Node is too old. */
export function exitUnlessSupportedNode(version = process.versions.node): void {
  const problem = nodeVersionProblem(version);
  if (!problem) return;
  console.error(problem);
  process.exit(1);
}
