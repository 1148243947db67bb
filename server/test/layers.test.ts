import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Every relative import (type-only ones included) of each file under server/src, as paths from server/src. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/gm)].map((m) =>
      relative(SRC, resolve(dirname(file), m[1]!)).replace(/\.ts$/, ''),
    );
    graph.set(relative(SRC, file).replace(/\.ts$/, ''), targets);
  }
  return graph;
}

const layerOf = (path: string) => path.split('/')[0]!;

describe('server layers', () => {
  const graph = importGraph();

  it('services and db never import the HTTP layer (domain errors, not problem+json, come out of services)', () => {
    const upward = [...graph].flatMap(([from, tos]) =>
      ['services', 'db'].includes(layerOf(from))
        ? tos.filter((t) => layerOf(t) === 'http').map((t) => `${from} -> ${t}`)
        : [],
    );
    expect(upward).toEqual([]);
  });

  it('db imports nothing above it', () => {
    const upward = [...graph].flatMap(([from, tos]) =>
      layerOf(from) === 'db'
        ? tos.filter((t) => t.startsWith('..') || !['db'].includes(layerOf(t))).map((t) => `${from} -> ${t}`)
        : [],
    );
    expect(upward).toEqual([]);
  });

  it('no import cycle among the files of db, type-only imports included', () => {
    const db = [...graph.keys()].filter((f) => layerOf(f) === 'db');
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      for (const t of graph.get(f) ?? []) {
        if (layerOf(t) !== 'db') continue;
        if (path.includes(t)) cycles.push([...path.slice(path.indexOf(t)), t].join(' -> '));
        else visit(t, [...path, t]);
      }
    };
    for (const f of db) visit(f, [f]);
    expect(cycles).toEqual([]);
  });
});
