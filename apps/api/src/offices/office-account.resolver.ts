import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import {
  CreateOfficeAccountInput,
  OfficeAccount,
  OutsideOffice,
  SetOfficeAccountActiveInput,
} from './office.models.js';
import { OfficeAccountService } from './office-account.service.js';

/** Accounts of outside offices: park administrators for their park, the platform for any park or district. */
@Resolver()
export class OfficeAccountResolver {
  constructor(@Inject(OfficeAccountService) private readonly accounts: OfficeAccountService) {}

  @Allow('read', 'OfficeAccount')
  @Query(() => [OfficeAccount], { description: 'The outside offices’ accounts the caller manages.' })
  officeAccounts(@Context() ctx: RequestContext): Promise<OfficeAccount[]> {
    return this.accounts.list(ctx.actor!);
  }

  @Allow('create', 'OfficeAccount')
  @Query(() => [OutsideOffice], {
    description: 'The cc offices of a park’s rules (or of a district’s parks) an account may be created for.',
  })
  outsideOffices(
    @Args('parkId', { type: () => ID, nullable: true }) parkId: string | null,
    @Args('districtId', { type: () => ID, nullable: true }) districtId: string | null,
    @Context() ctx: RequestContext,
  ): Promise<OutsideOffice[]> {
    return this.accounts.offices(ctx.actor!, { parkId, districtId });
  }

  @Allow('create', 'OfficeAccount')
  @Mutation(() => OfficeAccount)
  createOfficeAccount(
    @Args('input') input: CreateOfficeAccountInput,
    @Context() ctx: RequestContext,
  ): Promise<OfficeAccount> {
    return this.accounts.create(ctx.actor!, input);
  }

  @Allow('update', 'OfficeAccount')
  @Mutation(() => OfficeAccount)
  setOfficeAccountActive(
    @Args('input') input: SetOfficeAccountActiveInput,
    @Context() ctx: RequestContext,
  ): Promise<OfficeAccount> {
    return this.accounts.setActive(ctx.actor!, input.userId, input.active);
  }
}
