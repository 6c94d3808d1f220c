import { describe, expect, it } from 'vitest';
import { importedTitle } from './bridgeRuns.ts';

describe('an imported run’s title', () => {
  it('names the table when the input did, and does not repeat "Imported" when it did not', () => {
    expect(importedTitle('Accounts')).toBe('Imported: Accounts stream');
    expect(importedTitle(undefined)).toBe('Imported stream');
    expect(importedTitle(undefined)).not.toMatch(/Imported: Imported/);
  });
});
