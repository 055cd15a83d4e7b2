/**
 * Baselines measured in the same run as the real thing. They exist only here: the server always
 * builds its data path with `scopedDataFactory`.
 */
import type { Actor } from '../src/domain/actor.js';
import { AccessRecorder } from '../src/audit/access-recorder.js';
import { ScopedData, type FieldGuard, type VisibleChild } from '../src/access/scoped-data.js';
import type { Db } from '../src/platform/db/database.js';
import type { DataFactory } from '../src/app/hub-server.js';

const settings = { disclosureKey: 'bench-disclosure-key', breakGlassHours: 4, bulkAccessThreshold: 1_000_000 };

/** Records nothing and writes nothing: the cost of the audit trail is what this saves. */
class SilentRecorder extends AccessRecorder {
  override note(): void {}
  override async flush(): Promise<number> {
    return 0;
  }
}

/** Releases every value without a decision: the cost of enforcement is what this saves. */
class UnenforcedData extends ScopedData {
  override async release<T>(_child: VisibleChild, _guard: FieldGuard, value: T): Promise<T> {
    return value;
  }
}

export const withoutEnforcement: DataFactory = (actor: Actor, requestId: string, tx: Db) =>
  new UnenforcedData(actor, requestId, tx, new SilentRecorder(actor, requestId), settings);

export const withoutAudit: DataFactory = (actor: Actor, requestId: string, tx: Db) =>
  new ScopedData(actor, requestId, tx, new SilentRecorder(actor, requestId), settings);
