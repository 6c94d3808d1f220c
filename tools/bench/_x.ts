import { benchCore } from './core.ts';
const r = await benchCore(500_000, 2_000_000, 3);
console.log(JSON.stringify(r));
