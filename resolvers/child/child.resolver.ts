import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import type { Agency, FamilyRelationship } from '../../src/domain/vocabulary.js';
import { AgencyEnum, FamilyRelationshipEnum } from '../../src/platform/graphql/enums.js';
import * as children from './child.service.js';
import { Child, ChildConnection, ChildDetailsInput, ChildFilter, ChildOrderEnum, RegisterChildInput } from './child.types.js';
import type { ChildOrder } from '../../src/access/child-list.js';

@Resolver(() => Child)
export class ChildResolver {
  @Query(() => Child, { nullable: true, description: 'NOT_FOUND when the caller has no relationship with the child' })
  child(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    ctx.data.assertCan('child.read');
    return ctx.data.requireChild(id);
  }

  @Query(() => ChildConnection, { description: 'The children you may see, filtered (find a child) and ordered (NEXT_DEADLINE: the caseload)' })
  children(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('filter', () => ChildFilter, { nullable: true }) filter?: ChildFilter,
    @Arg('orderBy', () => ChildOrderEnum, { nullable: true, defaultValue: 'ID' }) orderBy?: ChildOrder,
  ) {
    return children.listChildren(ctx.data, first, after, filter ?? null, orderBy ?? 'ID');
  }

  @Mutation(() => Child)
  registerChild(@Arg('input', () => RegisterChildInput) input: RegisterChildInput, @Ctx() ctx: RequestContext) {
    return children.registerChild(ctx.data, input);
  }

  @Mutation(() => Child, { description: "The area's coordinator records the child's sex and ethnicity (DfE codes, for the SEN2 return); a field left out is kept, null clears it" })
  updateChildDetails(@Arg('input', () => ChildDetailsInput) input: ChildDetailsInput, @Ctx() ctx: RequestContext) {
    return children.updateChildDetails(ctx.data, input);
  }

  @Mutation(() => Child)
  addCareTeamMember(
    @Arg('childId', () => ID) childId: string,
    @Arg('org', () => String) org: string,
    @Arg('agency', () => AgencyEnum) agency: Agency,
    @Ctx() ctx: RequestContext,
    @Arg('orgName', () => String, { nullable: true, description: 'Adds the organisation to the register when it is not there yet' }) orgName?: string,
  ) {
    return children.addCareTeamMember(ctx.data, childId, org, agency, orgName);
  }

  @Mutation(() => Child, { description: 'Takes an organisation off the care team; its access and break-glass grants end from the next request' })
  removeCareTeamMember(@Arg('childId', () => ID) childId: string, @Arg('org', () => String) org: string, @Ctx() ctx: RequestContext) {
    return children.removeCareTeamMember(ctx.data, childId, org);
  }

  @Mutation(() => Child, { description: 'Unlinks a family member; their access ends from the next request' })
  unlinkFamilyMember(@Arg('childId', () => ID) childId: string, @Arg('subject', () => String) subject: string, @Ctx() ctx: RequestContext) {
    return children.unlinkFamilyMember(ctx.data, childId, subject);
  }

  @Mutation(() => Child, { description: 'Mental Capacity Act 2005, reg 64: records with evidence that a young person lacks (or has) capacity; their parent acts for them while they lack it' })
  recordCapacity(
    @Arg('childId', () => ID) childId: string,
    @Arg('lacksCapacity', () => Boolean) lacksCapacity: boolean,
    @Arg('evidenceNote', () => String) evidenceNote: string,
    @Ctx() ctx: RequestContext,
  ) {
    return children.recordCapacity(ctx.data, childId, lacksCapacity, evidenceNote);
  }

  @Mutation(() => Child)
  linkFamilyMember(
    @Arg('childId', () => ID) childId: string,
    @Arg('subject', () => String) subject: string,
    @Arg('relationship', () => FamilyRelationshipEnum) relationship: FamilyRelationship,
    @Ctx() ctx: RequestContext,
  ) {
    return children.linkFamilyMember(ctx.data, childId, subject, relationship);
  }
}
