import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import type { ChildRef } from '../../src/access/sealed.js';
import type { SectionCode } from '../../src/domain/vocabulary.js';
import { SectionCodeEnum } from '../../src/platform/graphql/enums.js';
import { Child } from '../child/child.types.js';
import * as sections from './section.service.js';
import { ContributeSectionInput, SectionEntryType, SectionType, WithheldEntriesType } from './section.types.js';

@Resolver(() => Child)
export class ChildSectionsResolver {
  @FieldResolver(() => [SectionType], { description: 'The sections you may read' })
  sections(@Root() child: ChildRef, @Ctx() ctx: RequestContext) {
    return sections.sectionsOf(ctx.data, child);
  }

  @FieldResolver(() => SectionType, { nullable: true, description: 'CONSENT_REQUIRED when a consent could release it to you' })
  section(@Root() child: ChildRef, @Arg('code', () => SectionCodeEnum) code: SectionCode, @Ctx() ctx: RequestContext) {
    return sections.sectionOf(ctx.data, child, code);
  }

  @FieldResolver(() => [WithheldEntriesType], { description: 'Entries a consent could release to you, by section and category' })
  withheld(@Root() child: ChildRef, @Ctx() ctx: RequestContext) {
    return sections.withheldFrom(ctx.data, child);
  }
}

@Resolver(() => SectionType)
export class SectionResolver {
  @Mutation(() => SectionType, { description: 'Appends a version of one section you may write (src/domain/sections.ts)' })
  contributeSection(@Arg('input', () => ContributeSectionInput) input: ContributeSectionInput, @Ctx() ctx: RequestContext) {
    return sections.contributeSection(ctx.data, input);
  }

  @FieldResolver(() => [SectionEntryType], { description: 'The entries you may read; see `withheld` for what a consent could release' })
  entries(@Root() section: sections.SealedSection, @Ctx() ctx: RequestContext) {
    return sections.entriesOf(ctx.data, section);
  }

  @FieldResolver(() => [WithheldEntriesType], { description: 'Entries of this section a consent could release to you' })
  withheld(@Root() section: sections.SealedSection, @Ctx() ctx: RequestContext) {
    return sections.withheldIn(ctx.data, section);
  }
}
