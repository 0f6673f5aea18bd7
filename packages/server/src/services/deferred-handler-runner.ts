import type {
  EntrypointValues,
  HandlerEntrypoint,
  HandlerRunResult,
  HandlerRunner,
  RunHandlerInput,
  ValidateHandlerInput,
} from '../core/ports/index.js';

/**
 * A HandlerRunner whose real runner is still starting (its sandbox self-test takes a moment): the
 * server listens at once, and the first Python call waits for the self-test instead of racing it.
 */
export class DeferredHandlerRunner implements HandlerRunner {
  /** Once ready, calls go straight to it (no await per call). */
  #runner: HandlerRunner | undefined;

  constructor(private readonly ready: Promise<HandlerRunner>) {
    ready.then(
      (runner) => (this.#runner = runner),
      () => undefined, // every call awaits `ready` and gets its rejection
    );
  }

  async validate(input: ValidateHandlerInput): Promise<void> {
    return (await this.ready).validate(input);
  }

  run<E extends HandlerEntrypoint>(
    input: RunHandlerInput<E>,
  ): Promise<HandlerRunResult<EntrypointValues[E]>> {
    if (this.#runner) return this.#runner.run(input);
    return this.ready.then((runner) => runner.run(input));
  }

  async close(): Promise<void> {
    await (await this.ready).close();
  }
}
