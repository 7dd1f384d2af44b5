// Start-up: the lab registry is plain data plus check functions, and each lab module imports the SDK
// client packages its checks use. Loading those packages costs far more than the rest of mllab
// (client-sagemaker alone is ~60 ms), yet `list`, `show`, `progress` and `policy` only read the
// labs' metadata and never run a check. So while the registry loads, every `@aws-sdk/client-*`
// package a lab module requires is bound lazily: the module receives a stand-in that loads the real
// package on its first use (a check referencing `KinesisClient`). A check that runs therefore sees
// exactly the real package, only later; a command that runs none never loads one.
//
// This relies on what the compiled lab modules do with a package: tsc (module nodenext, CommonJS)
// turns `import { X } from 'pkg'` into `const pkg_1 = require('pkg')` and every use into
// `pkg_1.X`, so nothing touches the package until a check runs. A lab that did touch it at load
// time (a top-level `new XCommand()`) would still be correct, just not lazy.
import Module from 'node:module';

/**
 * The packages bound lazily: the SDK's service clients, and the HTTP handler the check session
 * gives them (lib/policy imports the session for one constant, which would load it for `policy`).
 */
export const LAZY_PACKAGE = /^(@aws-sdk\/client-[a-z0-9-]+|@smithy\/node-http-handler)$/;

/**
 * A stand-in for a module's exports that calls `load` once, on first use, and from then on answers
 * every read (`get`, `in`, keys, property descriptors) from the real exports.
 */
export function lazyModule(load: () => object): object {
  let real: object | undefined;
  const exports = () => (real ??= load());
  return new Proxy(
    {},
    {
      get: (_target, key) => Reflect.get(exports(), key),
      has: (_target, key) => Reflect.has(exports(), key),
      ownKeys: () => Reflect.ownKeys(exports()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(exports(), key);
        // A proxy may not report a property as non-configurable unless its target has it; the
        // real exports' getters are non-configurable, the stand-in's empty target has none.
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}

interface ModuleLoader {
  _load(request: string, parent: unknown, isMain: boolean): unknown;
}

/**
 * Runs `load` (a synchronous require) with every package matching `lazy` that it requires,
 * directly or through the modules it loads, bound by `lazyModule`. Only Node's own loader is
 * affected, and only for the duration of the call; under Jest, whose module registry bypasses it,
 * everything loads eagerly, which changes timing only.
 */
export function requireWithLazyPackages<T>(load: () => T, lazy: RegExp = LAZY_PACKAGE): T {
  // `Module._load` is the hook require-in-the-middle and OpenTelemetry use; Node 20 has no public
  // synchronous require hook (module.registerHooks arrived in Node 22.15).
  const loader = Module as unknown as ModuleLoader;
  const original = loader._load;
  loader._load = function (this: unknown, request: string, parent: unknown, isMain: boolean) {
    if (!lazy.test(request)) return original.call(this, request, parent, isMain);
    return lazyModule(() => original.call(this, request, parent, isMain) as object);
  };
  try {
    return load();
  } finally {
    loader._load = original;
  }
}
