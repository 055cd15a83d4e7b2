/**
 * Every module's resolvers and the guards of its types. Only the composition root (src/app) imports
 * this list; a module adds its classes and its guard tables here.
 */
import type { NonEmptyArray } from 'type-graphql';
import type { TypeGuards } from '../src/access/guards.js';
import { areaTypes } from './area/area.guards.js';
import { AreaResolver } from './area/area.resolver.js';
import { auditTypes } from './audit/audit.guards.js';
import { AuditResolver, ChildSubjectAccessResolver } from './audit/audit.resolver.js';
import { childRegistryTypes } from './child/child.guards.js';
import { ChildResolver } from './child/child.resolver.js';
import { commissioningTypes } from './commissioning/commissioning.guards.js';
import { CommissioningResolver } from './commissioning/commissioning.resolver.js';
import { consentTypes } from './consent/consent.guards.js';
import { ChildConsentsResolver, ConsentResolver } from './consent/consent.resolver.js';
import { disputeTypes } from './disputes/disputes.guards.js';
import { ChildDisputesResolver, DisputeResolver } from './disputes/disputes.resolver.js';
import { localOfferTypes } from './local-offer/local-offer.guards.js';
import { LocalOfferResolver } from './local-offer/local-offer.resolver.js';
import { meTypes } from './me/me.guards.js';
import { MeResolver } from './me/me.resolver.js';
import { planTypes } from './plan/plan.guards.js';
import { AdviceRequestResolver, ChildPlanResolver, PlanResolver, SectionAppendicesResolver } from './plan/plan.resolver.js';
import { senSupportTypes } from './sen-support/sen-support.guards.js';
import { ChildSenSupportResolver, PlanSenSupportResolver, SenSupportResolver } from './sen-support/sen-support.resolver.js';
import { sectionTypes } from './sections/section.guards.js';
import { ChildSectionsResolver, SectionResolver } from './sections/section.resolver.js';

/** A subgraph of the federated layout (src/app/subgraphs.ts): a name and the resolver classes it serves. */
export interface ModuleSubgraph {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: readonly Function[];
}

/**
 * The modules as Federation 2 subgraphs, one process each in the federated layout (docs/federation.md).
 * Section K's appendices (the advice, reg 12(1)(k)) are served with the sections, so `Section` stays a
 * value type of one subgraph; the advice given in a request is resolved wherever an `AdviceRequest` is
 * returned (sections and plan), so that class is in both. The subject access export is the audit module's.
 * The SEN support evidence an assessment request carries (`EhcPlan.senSupportEvidence`) is served with the
 * plan, whose value type it extends.
 */
export const moduleSubgraphs: readonly ModuleSubgraph[] = [
  { name: 'children', resolvers: [MeResolver, ChildResolver, AreaResolver] },
  { name: 'sections', resolvers: [ChildSectionsResolver, SectionResolver, SectionAppendicesResolver, AdviceRequestResolver] },
  { name: 'plan', resolvers: [ChildPlanResolver, PlanResolver, AdviceRequestResolver, PlanSenSupportResolver] },
  { name: 'consent', resolvers: [ChildConsentsResolver, ConsentResolver] },
  { name: 'audit', resolvers: [AuditResolver, ChildSubjectAccessResolver] },
  { name: 'commissioning', resolvers: [CommissioningResolver] },
  { name: 'local-offer', resolvers: [LocalOfferResolver] },
  { name: 'sen-support', resolvers: [ChildSenSupportResolver, SenSupportResolver] },
  { name: 'disputes', resolvers: [ChildDisputesResolver, DisputeResolver] },
];

/** Every resolver class once, in subgraph order (the monolith serves them all). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const moduleResolvers = [...new Set(moduleSubgraphs.flatMap((s) => s.resolvers))] as unknown as NonEmptyArray<Function>;

export const moduleTypeGuards: readonly TypeGuards[] = [
  ...meTypes,
  ...childRegistryTypes,
  ...sectionTypes,
  ...planTypes,
  ...consentTypes,
  ...auditTypes,
  ...commissioningTypes,
  ...areaTypes,
  ...localOfferTypes,
  ...senSupportTypes,
  ...disputeTypes,
];
