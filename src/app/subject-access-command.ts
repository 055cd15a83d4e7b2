/**
 * The subject access export for the command line (`npm run sar`): the same document as the DPO's
 * `subjectAccessExport`, through the same request scope, recorded as an EXPORT by the operator
 * (`cli:<name>`, acting as DPO of the child's area) in the same transaction, or not written at all.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { children } from '../../schema/tables.js';
import { subjectAccessExport } from '../../resolvers/audit/audit.service.js';
import type { Actor } from '../domain/actor.js';
import { isUuid } from '../domain/identifiers.js';
import type { Config } from '../platform/config.js';
import type { Database } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { accessSettings, inRequestScope } from './request-scope.js';

export async function exportSubjectAccess(config: Config, database: Database, childId: string, operator: string): Promise<string> {
  // The operator acts for the child's area; the area (not personal data) is all that is read outside the scope.
  const [row] = isUuid(childId) ? await database.db.select({ areaCode: children.areaCode }).from(children).where(eq(children.id, childId)).limit(1) : [];
  if (!row) throw notFound();
  const actor: Actor = { sub: `cli:${operator}`, org: 'HUB-OPERATOR', agency: null, role: 'DPO', areas: [row.areaCode] };
  return inRequestScope({ database, settings: accessSettings(config), chain: null }, { actor, requestId: randomUUID(), operationName: 'sar-cli' }, (data) =>
    subjectAccessExport(data, childId));
}
