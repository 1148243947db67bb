import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export type Violation = { id: string; impact: string | null; help: string; nodes: string[] };

/** Anything that can run a function in a page: a Playwright page or a Puppeteer one. */
type Evaluator =
  { evaluate: Page['evaluate'] } | { evaluate(fn: string | ((...a: never[]) => unknown)): Promise<unknown> };

/**
 * Runs axe-core in the page and returns its serious and critical violations. The script is evaluated
 * through the debugging protocol, which the extension pages' CSP does not apply to. With
 * `{ contrastChecked: true }` it also fails unless axe's color-contrast rule looked at some text, so a
 * theme's contrast is known to be checked, not silently skipped.
 */
export async function seriousA11yViolations(
  page: Evaluator,
  opts: { contrastChecked?: boolean } = {},
): Promise<Violation[]> {
  await (page as Page).evaluate(axeSource);
  const { violations, contrastNodes } = await (page as Page).evaluate(async () => {
    type Rule = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
    type Result = { violations: Rule[]; passes: Rule[] };
    const axe = (globalThis as unknown as { axe: { run(): Promise<Result> } }).axe;
    const result = await axe.run();
    return {
      violations: result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) })),
      contrastNodes: [...result.passes, ...result.violations]
        .filter((r) => r.id === 'color-contrast')
        .reduce((n, r) => n + r.nodes.length, 0),
    };
  });
  if (opts.contrastChecked && contrastNodes === 0) throw new Error('axe checked the contrast of no text in this page');
  return violations;
}
