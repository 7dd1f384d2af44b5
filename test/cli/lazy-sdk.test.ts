// SDK client packages bound lazily while mllab loads the lab registry and a command module.
import { LAZY_PACKAGE, lazyModule } from '../../lib/cli/lazy-sdk';

class Thing {}
const realExports = () => Object.defineProperties({}, { Thing: { value: Thing, enumerable: true }, answer: { value: 42, enumerable: true } });

describe('lazyModule', () => {
  test('loads nothing until first used, then once, and answers like the real exports', () => {
    let loads = 0;
    const mod = lazyModule(() => (loads++, realExports())) as any;
    expect(loads).toBe(0);
    expect(mod.answer).toBe(42);
    expect(new mod.Thing()).toBeInstanceOf(Thing);
    expect('Thing' in mod).toBe(true);
    expect(Object.keys(mod)).toEqual(['Thing', 'answer']);
    // What tsc's __exportStar and esbuild's __copyProps do with a module they re-export.
    const copy: Record<string, unknown> = {};
    for (const key in mod) copy[key] = mod[key];
    expect(copy).toEqual({ Thing, answer: 42 });
    expect({ ...mod }).toEqual({ Thing, answer: 42 });
    expect(loads).toBe(1);
  });
});

test('binds the SDK service clients and the HTTP handler, not the SDK core', () => {
  expect(['@aws-sdk/client-kinesis', '@aws-sdk/client-sagemaker-runtime', '@smithy/node-http-handler'].every((p) => LAZY_PACKAGE.test(p))).toBe(true);
  expect(['@aws-sdk/core', '@aws-sdk/core/client', '@smithy/types', '@aws-sdk/client-s3/dist-cjs/index.js'].some((p) => LAZY_PACKAGE.test(p))).toBe(false);
});

// requireWithLazyPackages hooks Node's own loader, which Jest's module registry bypasses: it is
// proven on the built CLI in spawned.test.ts.
