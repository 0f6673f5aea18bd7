import type { BridgeRecord } from '../../core/ports/index.js';
import { BridgeRunner, deleteBridgeReader, type RunnerDeps } from './bridge-runner.js';
import type { RunnerStatus } from './bridge-state.js';
import { prepareMapper, type PreparedMapper } from './mappers.js';

/** The bridges running on this node, one runner each; changing a bridge replaces its runner. */
export class BridgeRunners {
  readonly #runners = new Map<string, BridgeRunner>();

  constructor(private readonly deps: RunnerDeps) {}

  start(bridge: BridgeRecord): void {
    const runner = new BridgeRunner(bridge, this.deps);
    this.#runners.set(bridge.id, runner);
    runner.start();
  }

  /**
   * Stops the old runner first (its batch in hand settles), so two never read IN for one bridge; when
   * IN moved, what the broker kept for the old IN goes.
   */
  async replace(bridge: BridgeRecord): Promise<void> {
    const old = this.#runners.get(bridge.id);
    await this.stop(bridge.id);
    if (old && (old.bridge.in.broker !== bridge.in.broker || old.bridge.in.queue !== bridge.in.queue)) {
      await deleteBridgeReader(old.bridge, this.deps);
    }
    this.start(bridge);
  }

  /** For a deleted bridge: stops its runner, then deletes its IN consumer state on the broker. */
  async remove(bridge: BridgeRecord): Promise<void> {
    await this.stop(bridge.id);
    await deleteBridgeReader(bridge, this.deps);
  }

  async stop(id: string): Promise<void> {
    const runner = this.#runners.get(id);
    this.#runners.delete(id);
    await runner?.stop();
  }

  /** The bridges with a runner here, enabled or paused. */
  running(): BridgeRecord[] {
    return [...this.#runners.values()].map((runner) => runner.bridge);
  }

  status(id: string): RunnerStatus {
    return (
      this.#runners.get(id)?.status() ?? { state: 'paused', message: 'not running on this server', since: 0 }
    );
  }

  /** The running mapper of a bridge (warm sandbox pool), or a fresh one for a bridge not running here. */
  mapperOf(bridge: BridgeRecord): PreparedMapper {
    const runner = this.#runners.get(bridge.id);
    if (runner && runner.bridge.updatedAt === bridge.updatedAt) return runner.mapper;
    return prepareMapper(bridge.mapper, { handlers: this.deps.handlers, owner: bridge.id });
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#runners.keys()].map((id) => this.stop(id)));
  }
}
