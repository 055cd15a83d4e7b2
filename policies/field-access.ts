/**
 * The field access decision (the rules below): for one value about to leave the hub, whether it may go to
 * this actor and on what recorded basis. Pure functions over facts the data layer has already loaded —
 * no I/O, no clock (the caller passes `now`, one instant per request) — so every resolver, alias and
 * DataLoader gets the same answer, and the whole decision space is enumerated in field-access.test.ts.
 *
 * Law the rules encode:
 * - Sharing for the statutory EHC assessment and plan is a public task: UK GDPR Art. 6(1)(e) (and
 *   6(1)(c) for the council's duties under CFA 2014 Part 3), special category data under Art. 9(2)(h)
 *   with DPA 2018 Sch. 1 para 2. That is the STATUTORY basis; it is not consent.
 * - Sharing beyond that (one agency reading another agency's section) rests on the consent of the
 *   person who decides for the child: the parent, then the young person (CFA 2014 s.83(2); see
 *   consent-holder.ts).
 * - Caldicott principles: justify the purpose, use the minimum necessary, access on a need-to-know
 *   basis. Hence the owner/statutory/consent layering and the consent-only HEALTH_SENSITIVE category.
 * - Safeguarding records stay with the social care organisation that holds them (Working Together to
 *   Safeguard Children 2023); emergency access is break-glass, time-limited and reviewed by the DPO.
 */
import type { Actor } from '../src/domain/actor.js';
import type { AccessBasis, Agency, DataCategory, FamilyRelationship } from '../src/domain/vocabulary.js';
import { consentHolderOn } from '../src/domain/consent-holder.js';
import { raisesOf } from '../src/domain/sections.js';

export interface CareTeamMember {
  org: string;
  agency: Agency;
}

export interface ChildAccessFacts {
  id: string;
  areaCode: string;
  /** ISO `YYYY-MM-DD`. */
  dateOfBirth: string;
  careTeam: CareTeamMember[];
  family: { subject: string; relationship: FamilyRelationship }[];
  /**
   * The coordinator has recorded, with evidence, that the young person lacks capacity to decide
   * (Mental Capacity Act 2005; SEND Regulations 2014 reg 64): their parent then acts for them.
   */
  lacksCapacity?: boolean;
}

export interface ConsentFacts {
  id: string;
  kind: 'GRANT' | 'REFUSAL';
  categories: DataCategory[];
  granteeAgency: Agency | null;
  granteeOrg: string | null;
  /** A family member the consent is for: the young person sharing with their parent (CFA 2014 s.83(2)). */
  granteeSubject?: string | null;
  /** Whose consent this is: the parent's or the young person's. Only the current holder's counts. */
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
  /** The agency responsible for the value's section (src/domain/sections.ts); null for identity fields. */
  sectionOwner: Agency | null;
  /**
   * The organisation that owns the value (wrote the section, gave the advice). Null with an owning
   * agency: addressed to the agency (any of its organisations on the care team owns it); null with no
   * agency: identity fields.
   */
  sectionAuthorOrg: string | null;
  consents: ConsentFacts[];
  breakGlass: BreakGlassFacts[];
  /** The request's instant; consents and grants are judged against it. */
  now: Date;
}

export type WithholdReason = 'CONSENT_REQUIRED' | 'FORBIDDEN';

export type FieldAccessDecision =
  | { allow: true; basis: Exclude<AccessBasis, 'DENIED'> }
  | { allow: false; basis: 'DENIED'; reason: WithholdReason };

const allow = (basis: Exclude<AccessBasis, 'DENIED'>): FieldAccessDecision => ({ allow: true, basis });
const deny = (reason: WithholdReason): FieldAccessDecision => ({ allow: false, basis: 'DENIED', reason });

/**
 * The actor's relationships with the child . A commissioner never has one: commissioning
 * uses anonymised aggregates only, never an individual record (Caldicott: minimum necessary).
 */
export function relationshipsOf(actor: Actor, child: ChildAccessFacts): Relationship[] {
  const found: Relationship[] = [];
  const caseWorker = actor.role === 'PRACTITIONER' || actor.role === 'CASE_COORDINATOR';
  // The agency recorded for the organisation on the care team is the truth: a token claiming another
  // agency for it is no member of the team (the data layer refuses it, FORBIDDEN).
  if (caseWorker && child.careTeam.some((m) => m.org === actor.org && m.agency === actor.agency)) found.push('CARE_TEAM');
  // The council SEN team of the child's area runs the statutory process (CFA 2014 s.36, s.37): an
  // EDUCATION token only, never a health or social care one.
  if (actor.role === 'CASE_COORDINATOR' && actor.agency === 'EDUCATION' && actor.areas.includes(child.areaCode)) found.push('COORDINATOR');
  if (actor.role === 'FAMILY' && child.family.some((f) => f.subject === actor.sub)) found.push('FAMILY');
  // The DPO oversees processing in their areas (UK GDPR Art. 38–39); identity only, see rule 2.
  if (actor.role === 'DPO' && actor.areas.includes(child.areaCode)) found.push('OVERSIGHT');
  return found;
}

/**
 * A practitioner or coordinator whose organisation is on the care team under another agency than the
 * token claims: refused outright (the data layer answers FORBIDDEN and records it).
 */
export function claimsAnotherAgency(actor: Actor, child: ChildAccessFacts): boolean {
  const caseWorker = actor.role === 'PRACTITIONER' || actor.role === 'CASE_COORDINATOR';
  return caseWorker && child.careTeam.some((m) => m.org === actor.org && m.agency !== actor.agency);
}

/**
 * Rule 1: without a relationship the child does not exist for the actor. The service layer answers
 * NOT_FOUND so the response gives no hint that the record exists (CONTRIBUTING.md).
 */
export function canSeeChild(actor: Actor, child: ChildAccessFacts): boolean {
  return relationshipsOf(actor, child).length > 0;
}

/**
 * Who decides for the child on the UTC calendar date of `now`: the parent up to and including the last
 * Friday of June of the school year in which the child turns 16, the young person after (CFA 2014
 * s.83(2); Education Act 1996 s.8). Throws RangeError on a malformed date of birth.
 */
export function currentConsentHolder(dateOfBirth: string, now: Date): FamilyRelationship {
  return consentHolderOn(dateOfBirth, now.toISOString().slice(0, 10));
}

/**
 * Decides one value. Rules in the rules below order; the first that applies wins, and anything no rule
 * releases is withheld (default deny).
 */
export function decideFieldAccess(req: FieldAccessRequest): FieldAccessDecision {
  const { actor, category } = req;
  const rels = relationshipsOf(actor, req.child);

  // Rule 1: no relationship. The service has already answered NOT_FOUND; this is the safety net.
  if (rels.length === 0) return deny('FORBIDDEN');

  // Rule 2: the DPO answers subject access requests and audits access (UK GDPR Art. 15, 38–39); that
  // needs to know who the child is, never what is wrong with them — not with consent, not by break-glass.
  if (actor.role === 'DPO') return category === 'IDENTITY' ? allow('STATUTORY') : deny('FORBIDDEN');

  // Rule 2b: safeguarding stays with the social care organisation that recorded it, or break-glass.
  if (category === 'SAFEGUARDING') return decideSafeguarding(req, rels);

  // Rule 2c: identity goes to everyone with a relationship, on their own basis — the family's own data
  // (UK GDPR Art. 15), otherwise the public task of the assessment (Art. 6(1)(e)).
  if (category === 'IDENTITY') return allow(rels.includes('FAMILY') ? 'FAMILY' : 'STATUTORY');

  // Rule 3: the organisation that owns the value — wrote the section, gave the advice — reads it, through
  // its place on the care team and the agency responsible for it (SEND Regulations 2014 reg 12: health
  // writes C and G, social care D and H, the council the rest). Ownership is by organisation, never by
  // agency alone: a school is not the owner of the council's sections, nor a coordinator of health content.
  if (ownsValue(req, rels)) return allow('OWNER');

  // Rule 4: families see their own child's record (UK GDPR Art. 15; CFA 2014 s.19: the family is at the
  // centre of the process) while the person is the one who decides for the child. After the end of
  // compulsory school age the young person decides (CFA 2014 s.83(2)): a parent then reads only what the
  // young person shared with them (rule 6), unless the coordinator recorded, with evidence, that the young
  // person lacks capacity for the decision (Mental Capacity Act 2005; reg 64). Safeguarding was excepted above.
  if (rels.includes('FAMILY') && familyDecides(req)) return allow('FAMILY');

  // Rule 5: the council's coordinator runs the statutory assessment, a public task (UK GDPR 6(1)(e),
  // 9(2)(h)). Sensitive health detail goes beyond what the assessment needs (Caldicott 3: minimum
  // necessary), so HEALTH_SENSITIVE falls through to consent.
  if (rels.includes('COORDINATOR') && category !== 'HEALTH_SENSITIVE') return allow('STATUTORY');

  // Rule 6: another agency reads another agency's section only with the current holder's consent.
  if (consentReleases(req)) return allow('CONSENT');

  // Rule 7: emergency access by a care team member, time-limited and flagged for DPO review.
  if (hasActiveBreakGlass(req, rels)) return allow('BREAK_GLASS');

  // Rule 8: withheld. Say CONSENT_REQUIRED only where a consent could in fact release it (rule 6 applies
  // to care team members, the coordinator and a parent of a young person), so the message never promises
  // what consent cannot give.
  const consentCould = rels.includes('CARE_TEAM') || rels.includes('COORDINATOR') || rels.includes('FAMILY');
  return deny(consentCould ? 'CONSENT_REQUIRED' : 'FORBIDDEN');
}

/**
 * Rule 3: the value's owning organisation, on the care team, acting for the agency responsible for it.
 * A value addressed to an agency rather than an organisation (an advice request to "health", reg 6)
 * has no owning organisation: any organisation of that agency on the care team owns it.
 */
function ownsValue(req: FieldAccessRequest, rels: Relationship[]): boolean {
  const { actor } = req;
  if (!rels.includes('CARE_TEAM') || req.sectionOwner === null || actor.agency !== req.sectionOwner) return false;
  return req.sectionAuthorOrg === null || actor.org === req.sectionAuthorOrg;
}

/** Rule 4: the family member is the one who decides now, or acts for a young person who lacks capacity. */
function familyDecides(req: FieldAccessRequest): boolean {
  return decidesForChild(req.actor, req.child, req.now);
}

/**
 * Whether a linked family member decides for the child now: the consent holder (CFA 2014 s.83(2)), or
 * a parent acting for a young person recorded as lacking capacity (Mental Capacity Act 2005; reg 64).
 */
export function decidesForChild(actor: Actor, child: ChildAccessFacts, now: Date): boolean {
  const link = child.family.find((f) => f.subject === actor.sub);
  if (actor.role !== 'FAMILY' || !link) return false;
  const holder = currentConsentHolder(child.dateOfBirth, now);
  if (link.relationship === holder) return true;
  return holder === 'YOUNG_PERSON' && link.relationship === 'PARENT' && child.lacksCapacity === true;
}

/**
 * Rule 2b: safeguarding content goes only to the social care organisation that recorded it (OWNER), or
 * with an active break-glass grant. Never by consent (a parent may be the subject of the concern), never
 * to the family, never on the statutory basis (Working Together to Safeguard Children 2023; the serious
 * harm exemption for social work data, DPA 2018 Sch. 3 Part 3).
 */
function decideSafeguarding(req: FieldAccessRequest, rels: Relationship[]): FieldAccessDecision {
  const { actor } = req;
  const recordingOrg = rels.includes('CARE_TEAM') && actor.agency === 'SOCIAL_CARE' && actor.org === req.sectionAuthorOrg;
  if (recordingOrg) return allow('OWNER');
  if (hasActiveBreakGlass(req, rels)) return allow('BREAK_GLASS');
  return deny('FORBIDDEN');
}

/**
 * The one "consent in force" rule: given by the person who decides for the child now (a parent's
 * consent lapses when the young person takes over, CFA 2014 s.83(2)), not withdrawn and not expired —
 * a withdrawal or expiry takes effect from the very instant it is recorded.
 */
export function consentInForce(c: Pick<ConsentFacts, 'givenBy' | 'withdrawnAt' | 'validUntil'>, holder: FamilyRelationship, now: Date): boolean {
  if (c.givenBy !== holder) return false;
  if (c.withdrawnAt !== null && c.withdrawnAt.getTime() <= now.getTime()) return false;
  if (c.validUntil !== null && c.validUntil.getTime() <= now.getTime()) return false;
  return true;
}

/**
 * Names this actor: a professional by agency or organisation; a family member (a parent of a young
 * person) by their own subject. A null grantee names no one.
 */
function namesActor(c: ConsentFacts, actor: Actor): boolean {
  if (actor.role === 'FAMILY') return c.granteeSubject != null && c.granteeSubject === actor.sub;
  const byAgency = c.granteeAgency !== null && c.granteeAgency === actor.agency;
  const byOrg = c.granteeOrg !== null && c.granteeOrg === actor.org;
  return byAgency || byOrg;
}

/**
 * Rule 6. Only the current holder's decisions count: a parent's consent lapses when the young person
 * takes over (CFA 2014 s.83(2)), and a decision given by a young person before then is not theirs yet
 * to give. An explicit refusal covering the same category and actor beats any grant, whatever the order.
 */
function consentReleases(req: FieldAccessRequest): boolean {
  const holder = currentConsentHolder(req.child.dateOfBirth, req.now);
  const covering = req.consents.filter(
    (c) => consentInForce(c, holder, req.now) && covers(c, req.category) && namesActor(c, req.actor),
  );
  if (covering.some((c) => c.kind === 'REFUSAL')) return false;
  return covering.some((c) => c.kind === 'GRANT');
}

/**
 * What a decision covers. Agreeing to share the more sensitive variant of a category (HEALTH_SENSITIVE)
 * agrees to the less sensitive one of the same agency (HEALTH) too; refusing the less sensitive refuses
 * the more sensitive too. The raises come from the section registry (src/domain/sections.ts).
 */
function covers(c: ConsentFacts, category: DataCategory): boolean {
  if (c.categories.includes(category)) return true;
  if (c.kind === 'GRANT') return raisesOf(category).some((raised) => c.categories.includes(raised));
  return c.categories.some((base) => raisesOf(base).includes(category));
}

/**
 * Rule 7: a grant for this very person at this organisation, not expired, and the actor still on the care
 * team (a grant outlives nothing: removal from the care team ends it).
 */
function hasActiveBreakGlass(req: FieldAccessRequest, rels: Relationship[]): boolean {
  if (!rels.includes('CARE_TEAM')) return false;
  const { actor, now } = req;
  return req.breakGlass.some((g) => g.actorSub === actor.sub && g.actorOrg === actor.org && g.expiresAt.getTime() > now.getTime());
}
