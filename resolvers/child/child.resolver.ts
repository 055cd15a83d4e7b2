import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import { IDENTITY_GUARD, type VisibleChild } from '../../src/access/scoped-data.js';
import type { Agency, FamilyRelationship } from '../../src/domain/vocabulary.js';
import { AgencyEnum, FamilyRelationshipEnum } from '../../src/platform/graphql/enums.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';
import * as children from './child.service.js';
import { CareTeamMemberType, Child, ChildConnection, FamilyMemberType, RegisterChildInput } from './child.types.js';

@Resolver(() => Child)
export class ChildResolver {
  @Query(() => Child, { nullable: true, description: 'NOT_FOUND when the caller has no relationship with the child' })
  child(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<VisibleChild> {
    return ctx.data.requireChild(id);
  }

  @Query(() => ChildConnection)
  children(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return children.listChildren(ctx.data, first, after);
  }

  @Mutation(() => Child)
  registerChild(@Arg('input', () => RegisterChildInput) input: RegisterChildInput, @Ctx() ctx: RequestContext) {
    return children.registerChild(ctx.data, input);
  }

  @Mutation(() => Child)
  addCareTeamMember(
    @Arg('childId', () => ID) childId: string,
    @Arg('org', () => String) org: string,
    @Arg('agency', () => AgencyEnum) agency: Agency,
    @Ctx() ctx: RequestContext,
  ) {
    return children.addCareTeamMember(ctx.data, childId, org, agency);
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

  @FieldResolver(() => String, { nullable: true })
  givenName(@Root() child: VisibleChild, @Ctx() ctx: RequestContext) {
    return ctx.data.release(child, IDENTITY_GUARD, child.row.givenName);
  }

  @FieldResolver(() => String, { nullable: true })
  familyName(@Root() child: VisibleChild, @Ctx() ctx: RequestContext) {
    return ctx.data.release(child, IDENTITY_GUARD, child.row.familyName);
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  dateOfBirth(@Root() child: VisibleChild, @Ctx() ctx: RequestContext) {
    return ctx.data.release(child, IDENTITY_GUARD, child.row.dateOfBirth);
  }

  @FieldResolver(() => String, { nullable: true })
  nhsNumber(@Root() child: VisibleChild, @Ctx() ctx: RequestContext) {
    return ctx.data.release(child, IDENTITY_GUARD, child.row.nhsNumber);
  }

  @FieldResolver(() => String, { nullable: true })
  upn(@Root() child: VisibleChild, @Ctx() ctx: RequestContext) {
    return ctx.data.release(child, IDENTITY_GUARD, child.row.upn);
  }

  @FieldResolver(() => String, { nullable: true })
  postcode(@Root() child: VisibleChild, @Ctx() ctx: RequestContext) {
    return ctx.data.release(child, IDENTITY_GUARD, child.row.postcode);
  }

  @FieldResolver(() => String, { nullable: true })
  locality(@Root() child: VisibleChild, @Ctx() ctx: RequestContext) {
    return ctx.data.release(child, IDENTITY_GUARD, child.row.locality);
  }

  @FieldResolver(() => [CareTeamMemberType], { description: 'Organisations on the care team (who shares this record)' })
  careTeam(@Root() child: VisibleChild, @Ctx() ctx: RequestContext) {
    return ctx.data.release(child, IDENTITY_GUARD, child.careTeam);
  }

  @FieldResolver(() => [FamilyMemberType], { description: 'Linked family members (parent, young person)' })
  familyMembers(@Root() child: VisibleChild, @Ctx() ctx: RequestContext) {
    return ctx.data.release(child, IDENTITY_GUARD, child.family);
  }
}

