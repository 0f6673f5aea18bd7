import type { BridgeRecord } from '../../core/ports/index.js';
import { BridgeRunner, deleteBridgeReader, type RunnerDeps } from './bridge-runner.js';
import type { RunnerStatus } from './bridge-state.js';
import { prepareMapper, type PreparedMapper } from './mappers.js';

/** The bridges running on this node, one runner each; changing a bridge replaces its runner. */
export class BridgeRunners {
  readonly #runners = new Map<string, BridgeRunner>();

  constructor(private readonly deps: RunnerDeps) {}

  start(bridge: BridgeRecord): void {
    const runner = new BridgeRunner(bridge, this.deps, () => {
      if (this.#runners.get(bridge.id) !== runner) return;
      this.deps.log.info({ bridge: bridge.id }, 'bridge deleted on another node; no longer run here');
      void this.forget(bridge.id);
    });
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

  /**
   * For a deleted bridge (its row gone, so other nodes stop theirs): deletes its IN consumer state on
   * the broker. Stop its runner first.
   */
  async deleteReader(bridge: BridgeRecord): Promise<void> {
    await deleteBridgeReader(bridge, this.deps);
  }

  /**
   * For a bridge deleted on another node: stops its runner, then deletes its IN consumer state as that
   * node did (idempotent), in case our runner set it up again in between; ends this node's own MQTT
   * session too, which only this node can.
   */
  async forget(id: string): Promise<void> {
    const runner = this.#runners.get(id);
    if (!runner) return;
    await this.stop(id);
    await deleteBridgeReader(runner.bridge, this.deps);
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
