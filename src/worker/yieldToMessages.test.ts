import { describe, expect, it } from 'vitest';
import { yieldToMessages } from './yieldToMessages.ts';

describe('yieldToMessages', () => {
  it('yields a task, not a microtask: a timer due now runs across a few yields', async () => {
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    let microtaskRan = false;
    void Promise.resolve().then(() => (microtaskRan = true));
    await yieldToMessages();
    expect(microtaskRan).toBe(true);
    for (let i = 0; i < 100 && !timerRan; i++) await yieldToMessages();
    expect(timerRan).toBe(true);
  });

  it('resolves many times in a row (each with its own channel)', async () => {
    for (let i = 0; i < 200; i++) await yieldToMessages();
  });
});
