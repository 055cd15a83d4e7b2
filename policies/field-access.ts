/**
 * The field access decision (DESIGN.md §3): for one value about to leave the hub, who may see it and on
 * what basis. Pure functions over loaded facts — no I/O — so the decision is the same in every path
 * and can be tested exhaustively (policies/field-access.test.ts).
 */
import type { Actor } from '../src/auth/actor.js';
import type { AccessBasis, Agency, DataCategory, FamilyRelationship } from '../src/domain/vocabulary.js';
import { consentHolderOn } from './consent-holder.js';

export interface CareTeamMember {
  org: string;
  agency: Agency;
}
export interface ChildAccessFacts {
  id: string;
  areaCode: string;
  dateOfBirth: string;
  careTeam: CareTeamMember[];
  family: { subject: string; relationship: FamilyRelationship }[];
}
export interface ConsentFacts {
  id: string;
  kind: 'GRANT' | 'REFUSAL';
  categories: DataCategory[];
  granteeAgency: Agency | null;
  granteeOrg: string | null;
  /** Whose consent: the consent holder when it was given. */
  givenBy: FamilyRelationship;
  validUntil: Date | null;
  withdrawnAt: Date | null;
}
export interface BreakGlassFacts {
  actorSub: string;
  actorOrg: string;
  expiresAt: Date;
}
export type Relationship = 'CARE_TEAM' | 'COORDINATOR' | 'FAMILY' | 'OVERSIGHT';
export interface FieldAccessRequest {
  actor: Actor;
  child: ChildAccessFacts;
  category: DataCategory;
  /** The agency owning the section; null for identity fields. */
  sectionOwner: Agency | null;
  sectionAuthorOrg: string | null;
  consents: ConsentFacts[];
  breakGlass: BreakGlassFacts[];
  now: Date;
}
export type WithholdReason = 'CONSENT_REQUIRED' | 'FORBIDDEN';
export type FieldAccessDecision =
  | { allow: true; basis: Exclude<AccessBasis, 'DENIED'> }
  | { allow: false; basis: 'DENIED'; reason: WithholdReason };

const allow = (basis: Exclude<AccessBasis, 'DENIED'>): FieldAccessDecision => ({ allow: true, basis });
const deny = (reason: WithholdReason): FieldAccessDecision => ({ allow: false, basis: 'DENIED', reason });

/** The actor's relationships with the child. Commissioners never have one (aggregates only). */
export function relationshipsOf(actor: Actor, child: ChildAccessFacts): Relationship[] {
  const found: Relationship[] = [];
  const caseWorker = actor.role === 'PRACTITIONER' || actor.role === 'CASE_COORDINATOR';
  if (caseWorker && child.careTeam.some((m) => m.org === actor.org)) found.push('CARE_TEAM');
  if (actor.role === 'CASE_COORDINATOR' && actor.areas.includes(child.areaCode)) found.push('COORDINATOR');
  if (actor.role === 'FAMILY' && child.family.some((f) => f.subject === actor.sub)) found.push('FAMILY');
  if (actor.role === 'DPO' && actor.areas.includes(child.areaCode)) found.push('OVERSIGHT');
  return found;
}

/** Without a relationship the child does not exist for the actor (rule 1). */
export function canSeeChild(actor: Actor, child: ChildAccessFacts): boolean {
  return relationshipsOf(actor, child).length > 0;
}

/**
 * Who decides for the child: the parent until the end of compulsory school age, then the young
 * person (CFA 2014 s.80 and Part 3). Re-exported here because consents are only counted when given by
 * the current holder.
 */
export function currentConsentHolder(dateOfBirth: string, now: Date): FamilyRelationship {
  return consentHolderOn(dateOfBirth, now.toISOString().slice(0, 10));
}

/** Decides one value, rules in DESIGN.md §3 order; the first that applies wins. */
export function decideFieldAccess(req: FieldAccessRequest): FieldAccessDecision {
  const { actor, child, category } = req;
  const rels = relationshipsOf(actor, child);
  // Rule 1: no relationship, nothing (the service answers NOT_FOUND before this is reached).
  if (rels.length === 0) return deny('FORBIDDEN');
  // DPOs audit access; they see who a child is, never clinical content (DESIGN.md §2).
  if (rels.length === 1 && rels[0] === 'OVERSIGHT') return category === 'IDENTITY' ? allow('STATUTORY') : deny('FORBIDDEN');
  if (category === 'SAFEGUARDING') return decideSafeguarding(req, rels);
  // Rule 2: identity goes to everyone with a relationship, on their own basis.
  if (category === 'IDENTITY') return allow(rels.includes('FAMILY') ? 'FAMILY' : 'STATUTORY');
  // Rule 3: the agency that owns the section, through an organisation on the care team.
  if (rels.includes('CARE_TEAM') && actor.agency !== null && actor.agency === req.sectionOwner) return allow('OWNER');
  // Rule 4: families see their own child's record (UK GDPR Art. 15), safeguarding excepted above.
  if (rels.includes('FAMILY')) return allow('FAMILY');
  // Rule 5: the council's statutory assessment is a public task (UK GDPR 6(1)(e), 9(2)(h)), but
  // sensitive health detail goes beyond what the assessment needs (Caldicott: minimum necessary).
  if (rels.includes('COORDINATOR') && category !== 'HEALTH_SENSITIVE') return allow('STATUTORY');
  // Rule 6: other agencies only with the current holder's consent; a refusal beats any grant.
  if (consentReleases(req)) return allow('CONSENT');
  // Rule 7: break-glass for safeguarding emergencies, time-limited and reviewed by the DPO.
  if (hasActiveBreakGlass(req, rels)) return allow('BREAK_GLASS');
  // Rule 8: withheld. A consent would release it to a care team member or the coordinator.
  return deny(rels.includes('CARE_TEAM') || rels.includes('COORDINATOR') ? 'CONSENT_REQUIRED' : 'FORBIDDEN');
}

/**
 * Safeguarding content: the owning social care organisation, or break-glass. Never by consent, never
 * to the family, never on the statutory basis (Working Together to Safeguard Children 2023).
 */
function decideSafeguarding(req: FieldAccessRequest, rels: Relationship[]): FieldAccessDecision {
  const { actor } = req;
  const owner =
    rels.includes('CARE_TEAM') &&
    actor.agency === 'SOCIAL_CARE' &&
    req.sectionOwner === 'SOCIAL_CARE' &&
    actor.org === req.sectionAuthorOrg;
  if (owner) return allow('OWNER');
  if (hasActiveBreakGlass(req, rels)) return allow('BREAK_GLASS');
  return deny('FORBIDDEN');
}

function consentCovers(c: ConsentFacts, req: FieldAccessRequest, holder: FamilyRelationship): boolean {
  const { actor, now } = req;
  if (c.givenBy !== holder) return false;
  if (c.withdrawnAt !== null && c.withdrawnAt.getTime() <= now.getTime()) return false;
  if (c.validUntil !== null && c.validUntil.getTime() <= now.getTime()) return false;
  if (!c.categories.includes(req.category)) return false;
  return (c.granteeAgency !== null && c.granteeAgency === actor.agency) || (c.granteeOrg !== null && c.granteeOrg === actor.org);
}

function consentReleases(req: FieldAccessRequest): boolean {
  const holder = currentConsentHolder(req.child.dateOfBirth, req.now);
  const covering = req.consents.filter((c) => consentCovers(c, req, holder));
  if (covering.some((c) => c.kind === 'REFUSAL')) return false;
  return covering.some((c) => c.kind === 'GRANT');
}

function hasActiveBreakGlass(req: FieldAccessRequest, rels: Relationship[]): boolean {
  if (req.actor.role !== 'PRACTITIONER' || !rels.includes('CARE_TEAM')) return false;
  return req.breakGlass.some(
    (g) => g.actorSub === req.actor.sub && g.actorOrg === req.actor.org && g.expiresAt.getTime() > req.now.getTime(),
  );
}
