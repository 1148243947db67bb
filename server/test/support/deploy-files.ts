import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How a deployment file starts the server: program, arguments, working directory, environment, user. */
export type Launch = {
  command: string[];
  workingDirectory: string;
  env: Record<string, string>;
  user?: string;
  volumes: string[];
};

const root = join(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/** `Environment=A=1 "B=two words"` → { A: '1', B: 'two words' } (systemd's quoting, enough for our unit). */
function systemdAssignments(value: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const m of value.matchAll(/"([^"]*)"|(\S+)/g)) {
    const pair = m[1] ?? m[2]!;
    const eq = pair.indexOf('=');
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return env;
}

/** The [Service] lines of deploy/vaultshare.service that decide how the server runs. */
export function systemdLaunch(file = 'deploy/vaultshare.service'): Launch {
  const launch: Launch = { command: [], workingDirectory: '/', env: {}, volumes: [] };
  for (const line of read(file).split('\n')) {
    const m = /^(\w+)=(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, key, value] = m as unknown as [string, string, string];
    if (key === 'ExecStart') launch.command = value.split(/\s+/);
    if (key === 'WorkingDirectory') launch.workingDirectory = value;
    if (key === 'Environment') Object.assign(launch.env, systemdAssignments(value));
    if (key === 'User') launch.user = value;
    if (key === 'StateDirectory') launch.volumes.push(`/var/lib/${value}`);
  }
  return launch;
}

/** The final stage of deploy/Containerfile: its WORKDIR, ENV, USER, VOLUME and CMD. */
export function containerLaunch(file = 'deploy/Containerfile'): Launch {
  const launch: Launch = { command: [], workingDirectory: '/', env: {}, volumes: [] };
  const instructions = read(file)
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'));
  const lastStage = instructions.findLastIndex((l) => l.startsWith('FROM '));
  for (const line of instructions.slice(lastStage)) {
    const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line.trim()) ?? [];
    if (op === 'WORKDIR') launch.workingDirectory = rest!;
    if (op === 'ENV') Object.assign(launch.env, systemdAssignments(rest!));
    if (op === 'USER') launch.user = rest;
    if (op === 'VOLUME') launch.volumes.push(rest!);
    if (op === 'CMD') launch.command = JSON.parse(rest!) as string[];
  }
  return launch;
}
