import { Inject } from '@nestjs/common';
import { Args, Context, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { badInput } from '../common/errors.js';
import { MAX_XLSX_BYTES } from './enterprise-import.js';
import { offsetAfter } from '../common/cursors.js';
import { offsetConnection } from '../graphql/connection.js';
import {
  Enterprise,
  EnterpriseConnection,
  ImportEnterprisesInput,
  ImportEnterprisesXlsxInput,
  SaveEnterpriseInput,
  SetEnterpriseLinkInput,
} from './enterprise.models.js';
import { EnterpriseService } from './enterprise.service.js';

@Resolver()
export class EnterpriseResolver {
  constructor(@Inject(EnterpriseService) private readonly service: EnterpriseService) {}

  @Allow('read', 'Enterprise')
  @Query(() => EnterpriseConnection, { description: 'Enterprises of the park, by name or credit code.' })
  async enterprises(
    @Args('keyword', { type: () => String, nullable: true }) keyword: string | null,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Context() ctx: RequestContext,
  ): Promise<EnterpriseConnection> {
    if (!Number.isInteger(first) || first < 1 || first > 200)
      throw badInput([{ path: 'first', message: 'must be between 1 and 200' }]);
    const offset = offsetAfter(after, 'list');
    const { items, totalCount } = await this.service.search(ctx.actor!, keyword, first, offset);
    return offsetConnection(items, offset, totalCount);
  }

  @Allow('create', 'Case')
  @Mutation(() => Enterprise, {
    description: 'Registers an enterprise of the park, or updates it (by credit code).',
  })
  saveEnterprise(
    @Args('input') input: SaveEnterpriseInput,
    @Context() ctx: RequestContext,
  ): Promise<Enterprise> {
    return this.service.save(ctx.actor!, input);
  }

  @Allow('update', 'Enterprise')
  @Mutation(() => Enterprise, {
    description: "Sets or clears the enterprise's linked department and cadre (挂钩联系).",
  })
  setEnterpriseLink(
    @Args('input') input: SetEnterpriseLinkInput,
    @Context() ctx: RequestContext,
  ): Promise<Enterprise> {
    return this.service.setLink(ctx.actor!, input);
  }

  @Allow('create', 'Case')
  @Mutation(() => Int, {
    description: 'Imports a CSV list of enterprises (all rows or none); returns how many.',
  })
  importEnterprises(
    @Args('input') input: ImportEnterprisesInput,
    @Context() ctx: RequestContext,
  ): Promise<number> {
    return this.service.importCsv(ctx.actor!, input.csv);
  }

  @Allow('create', 'Case')
  @Mutation(() => Int, {
    description:
      'Imports enterprises from the first sheet of an .xlsx workbook, sent base64-encoded (all rows or none); returns how many.',
  })
  importEnterprisesXlsx(
    @Args('input') input: ImportEnterprisesXlsxInput,
    @Context() ctx: RequestContext,
  ): Promise<number> {
    const { file } = input;
    // base64 is 4/3 of the bytes: refuse oversized input before decoding it.
    if (file.length > Math.ceil((MAX_XLSX_BYTES * 4) / 3) + 4) {
      throw badInput([{ path: 'file', message: `larger than ${MAX_XLSX_BYTES / 1024} KB` }]);
    }
    return this.service.importXlsx(ctx.actor!, Buffer.from(file, 'base64'));
  }
}
