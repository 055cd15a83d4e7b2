import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../src/access/request-context.js';
import type { SupportLevel } from '../../src/domain/sen-support.js';
import type { NeedDimension } from '../../src/domain/vocabulary.js';
import { NeedDimensionEnum } from '../../src/platform/graphql/enums.js';
import { DateScalar } from '../../src/platform/graphql/scalars.js';
import * as commissioning from './commissioning.service.js';
import { AreaProvision, AreaSenSupportOutcomes, DisputeTable, SufficiencyTable, SupportLevelEnum, NeedFilter, NeedTable, Timeliness } from './commissioning.types.js';

/** Area-level aggregates for commissioners; every number is protected (policies/disclosure). */
@Resolver()
export class CommissioningResolver {
  @Query(() => NeedTable, { description: 'Children with a recorded primary need, grouped by up to three dimensions (COMMISSIONER of the area)' })
  areaNeeds(
    @Arg('areaCode', () => String) areaCode: string,
    @Arg('groupBy', () => [NeedDimensionEnum]) groupBy: NeedDimension[],
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => NeedFilter, { nullable: true }) filter?: NeedFilter | null,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Reference date for age bands (default today)' }) asOf?: string | null,
  ): Promise<NeedTable> {
    return commissioning.areaNeeds(ctx.data, areaCode, groupBy, filter, asOf);
  }

  @Query(() => Timeliness, { description: 'Share of final plans issued within 20 weeks in a calendar year (COMMISSIONER of the area)' })
  areaTimeliness(
    @Arg('areaCode', () => String) areaCode: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: RequestContext,
  ): Promise<Timeliness> {
    return commissioning.areaTimeliness(ctx.data, areaCode, year);
  }

  @Query(() => AreaProvision, { description: 'Children per provision type and personal-budget form, with protected budget sums (COMMISSIONER of the area)' })
  areaProvision(
    @Arg('areaCode', () => String) areaCode: string,
    @Ctx() ctx: RequestContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'Provision running on this date (default today)' }) asOf?: string | null,
  ): Promise<AreaProvision> {
    return commissioning.areaProvision(ctx.data, areaCode, asOf);
  }

  @Query(() => AreaSenSupportOutcomes, { description: 'Per school: pupils on SEN support and the outcomes met at their last review (COMMISSIONER of the area)' })
  areaSenSupportOutcomes(@Arg('areaCode', () => String) areaCode: string, @Ctx() ctx: RequestContext): Promise<AreaSenSupportOutcomes> {
    return commissioning.areaSenSupportOutcomes(ctx.data, areaCode);
  }

  @Query(() => DisputeTable, { description: 'Mediations and appeals by kind, decision and outcome, decision notices in a calendar year (COMMISSIONER of the area)' })
  areaDisputes(@Arg('areaCode', () => String) areaCode: string, @Arg('year', () => Int) year: number, @Ctx() ctx: RequestContext): Promise<DisputeTable> {
    return commissioning.areaDisputes(ctx.data, areaCode, year);
  }

  @Query(() => SufficiencyTable, { description: 'Need against supply by PRIMARY_NEED and/or LOCALITY: protected need beside local-offer capacity, and the gap (COMMISSIONER of the area)' })
  areaSufficiency(
    @Arg('areaCode', () => String) areaCode: string,
    @Arg('groupBy', () => [NeedDimensionEnum]) groupBy: NeedDimension[],
    @Ctx() ctx: RequestContext,
    @Arg('supportLevel', () => [SupportLevelEnum], { nullable: true, description: 'Count only these levels (default both)' }) supportLevel?: SupportLevel[] | null,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string | null,
  ): Promise<SufficiencyTable> {
    return commissioning.areaSufficiency(ctx.data, areaCode, groupBy, supportLevel, asOf);
  }
}
