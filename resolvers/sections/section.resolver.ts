import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { AgencyEnum } from '../../src/platform/graphql/enums.js';
import type { RequestContext } from '../../src/access/request-context.js';
import type { VisibleChild } from '../../src/access/scoped-data.js';
import type { SectionCode } from '../../src/domain/vocabulary.js';
import { SectionCodeEnum } from '../../src/platform/graphql/enums.js';
import { Child } from '../child/child.types.js';
import * as sections from './section.service.js';
import {
  ContributeSectionInput, NeedGqlType, PersonalBudgetType, PlacementType, ProvisionType, SectionEntryType, SectionType, SectionVersionType,
} from './section.types.js';

/** What a SectionEntry resolves from: the entry and the section it belongs to. */
interface EntryView {
  section: sections.SectionView;
  key: string;
  category: SectionEntryType['category'];
  value: string;
}

@Resolver(() => Child)
export class ChildSectionsResolver {
  @FieldResolver(() => [SectionType])
  sections(@Root() child: VisibleChild, @Ctx() ctx: RequestContext) {
    return sections.sectionsOf(ctx.data, child);
  }

  @FieldResolver(() => SectionType, { nullable: true })
  section(@Root() child: VisibleChild, @Arg('code', () => SectionCodeEnum) code: SectionCode, @Ctx() ctx: RequestContext) {
    return sections.sectionOf(ctx.data, child, code);
  }
}

@Resolver(() => SectionType)
export class SectionResolver {
  @Mutation(() => SectionType, { description: "Appends a version of one section; the caller's agency must own it" })
  contributeSection(@Arg('input', () => ContributeSectionInput) input: ContributeSectionInput, @Ctx() ctx: RequestContext) {
    return sections.contributeSection(ctx.data, input);
  }

  @FieldResolver(() => SectionCodeEnum) code(@Root() s: sections.SectionView) { return s.head.code; }
  @FieldResolver(() => Int) version(@Root() s: sections.SectionView) { return s.head.version; }
  @FieldResolver(() => AgencyEnum) agency(@Root() s: sections.SectionView) { return s.head.agency; }
  @FieldResolver(() => String) authorOrg(@Root() s: sections.SectionView) { return s.head.authorOrg; }
  @FieldResolver(() => Date) updatedAt(@Root() s: sections.SectionView) { return s.head.updatedAt; }

  @FieldResolver(() => [SectionEntryType])
  async entries(@Root() s: sections.SectionView, @Ctx() ctx: RequestContext): Promise<EntryView[]> {
    const rows = await ctx.data.loaders.entries.load(s.head.currentVersionId);
    return rows.map((r) => ({ section: s, key: r.key, category: r.category, value: r.value }));
  }

  @FieldResolver(() => [NeedGqlType], { nullable: true })
  async needs(@Root() s: sections.SectionView, @Ctx() ctx: RequestContext) {
    if (s.head.code !== 'B') return null;
    const rows = await ctx.data.loaders.needs.load(s.head.currentVersionId);
    return ctx.data.release(s.child, sections.sectionGuard(s), rows);
  }

  @FieldResolver(() => [ProvisionType], { nullable: true })
  async provisions(@Root() s: sections.SectionView, @Ctx() ctx: RequestContext) {
    if (!['F', 'G', 'H1', 'H2'].includes(s.head.code)) return null;
    const rows = await ctx.data.loaders.provisions.load(s.head.currentVersionId);
    return ctx.data.release(s.child, sections.sectionGuard(s), rows);
  }

  @FieldResolver(() => PlacementType, { nullable: true })
  async placement(@Root() s: sections.SectionView, @Ctx() ctx: RequestContext) {
    if (s.head.code !== 'I') return null;
    const [row] = await ctx.data.loaders.placements.load(s.head.currentVersionId);
    return row ? ctx.data.release(s.child, sections.sectionGuard(s), row) : null;
  }

  @FieldResolver(() => PersonalBudgetType, { nullable: true })
  async personalBudget(@Root() s: sections.SectionView, @Ctx() ctx: RequestContext) {
    if (s.head.code !== 'J') return null;
    const [row] = await ctx.data.loaders.budgets.load(s.head.currentVersionId);
    return row ? ctx.data.release(s.child, sections.sectionGuard(s), row) : null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Section G: agreed by the ICB (reg 12(2))' })
  async icbAgreed(@Root() s: sections.SectionView, @Ctx() ctx: RequestContext) {
    if (s.head.code !== 'G') return null;
    const [row] = await ctx.data.loaders.healthAgreements.load(s.head.currentVersionId);
    return row ? ctx.data.release(s.child, sections.sectionGuard(s), row.agreedByIcb) : null;
  }

  @FieldResolver(() => [SectionVersionType], { description: 'Every version, oldest first' })
  async history(@Root() s: sections.SectionView, @Ctx() ctx: RequestContext) {
    const rows = await ctx.data.loaders.sectionVersions.load(s.child.id);
    return rows.filter((v) => v.code === s.head.code);
  }
}

@Resolver(() => SectionEntryType)
export class SectionEntryResolver {
  /** Null with an error at this path when withheld (CONSENT_REQUIRED or FORBIDDEN). */
  @FieldResolver(() => String, { nullable: true })
  value(@Root() e: EntryView, @Ctx() ctx: RequestContext) {
    return ctx.data.release(e.section.child, sections.sectionGuard(e.section, e.category), e.value);
  }
}
