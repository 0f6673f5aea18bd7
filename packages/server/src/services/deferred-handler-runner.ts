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
  constructor(private readonly ready: Promise<HandlerRunner>) {}

  async validate(input: ValidateHandlerInput): Promise<void> {
    return (await this.ready).validate(input);
  }

  async run<E extends HandlerEntrypoint>(
    input: RunHandlerInput<E>,
  ): Promise<HandlerRunResult<EntrypointValues[E]>> {
    return (await this.ready).run(input);
  }

  async close(): Promise<void> {
    await (await this.ready).close();
  }
}
