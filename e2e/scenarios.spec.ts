/**
 * Every built-in scenario makes its lesson on screen: opened by link at the moment a check first
 * breaks, the consumer panel shows that check broken, with its explanation; opened at the end, the
 * checks the lesson says hold show "holds". The expectations come from each scenario's `lesson`
 * (tools/scenarioLessons.ts computes the moments in Node with the worker's own code).
 */
import AxeBuilder from '@axe-core/playwright';
import { scenarioLessons } from '../tools/scenarioLessons.ts';
import { test, expect } from './fixtures.ts';

test('each scenario shows its lesson: the verdicts it exists to teach', async ({ page, sim }) => {
  const lessons = await scenarioLessons();
  expect(lessons.length).toBeGreaterThanOrEqual(14);
  test.setTimeout(60_000 + lessons.reduce((n, l) => n + l.verdicts.length, 0) * 5_000);
  for (const lesson of lessons) {
    for (const v of lesson.verdicts) {
      await test.step(`${lesson.id}: ${v.consumer} ${v.check ?? 'all checks'} ${v.state} at ${v.atMs} ms`, async () => {
        await page.goto('about:blank');
        // `?panels=consumers` opens the dock on the Consumers tab, where the verdicts are.
        await page.goto('./?panels=consumers' + v.fragment);
        await expect.poll(() => sim.scenarioId()).toBe(lesson.id);
        await expect.poll(() => sim.playheadMs()).toBe(v.atMs);
        const consumer = page.getByRole('region', { name: `Consumer ${v.consumer}` });
        const checks = consumer.getByRole('list', { name: `Checks of ${v.consumer}` });
        if (v.check === undefined) {
          // "holds" for the consumer as a whole: no check of it is broken.
          await expect(consumer).toContainText('all checks hold');
          return;
        }
        // The check's own name, exactly: explanations and consumer ids may mention other checks' names.
        const item = checks.getByRole('listitem').filter({ has: page.getByText(v.check, { exact: true }) });
        await expect(item).toContainText(v.state === 'broken' ? 'broken at' : 'holds');
      });
    }
  }
});

test('global tables: the replicas converge, the verdict says which write was lost, and lanes name their Region', async ({ page, sim }) => {
  const lessons = (await scenarioLessons()).filter((l) => l.replication.length > 0);
  expect(lessons.map((l) => l.id)).toContain('global-tables-lww');
  for (const lesson of lessons) {
    for (const r of lesson.replication) {
      await test.step(`${lesson.id}: ${r.table} ${r.expect}`, async () => {
        await page.goto('about:blank');
        await page.goto('./' + r.fragment);
        await expect.poll(() => sim.scenarioId()).toBe(lesson.id);
        const verdict = page.getByRole('region', { name: `Global table ${r.table}` });
        await expect(verdict.getByRole('status')).toContainText(r.expect === 'converged' ? '✓ converged' : '✗ diverged');
        await expect(verdict.getByRole('status')).toContainText(r.message);
        // Each Region's replica is its own table panel, holding what the run left in it.
        for (const replica of r.replicas) {
          const table = page.getByRole('region', { name: `${replica.name} table` });
          await expect(table.getByRole('rowheader')).toHaveCount(replica.items.length);
        }
        const timeline = page.getByRole('region', { name: 'Timeline' });
        for (const region of r.regions) {
          await expect(timeline.getByText(new RegExp(`^${region} · `))).not.toHaveCount(0);
        }
        // Two tables and two streams of one name: each panel must still be labelled by its own heading.
        const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'best-practice']).analyze();
        expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
      });
    }
  }
});
