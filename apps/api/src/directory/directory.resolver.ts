import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { CreateDistrictInput, CreateParkInput, District, Park } from '../graphql/models.js';
import { DirectoryService } from './directory.service.js';

@Resolver()
export class DirectoryResolver {
  constructor(@Inject(DirectoryService) private readonly directory: DirectoryService) {}

  @Allow('read', 'District')
  @Query(() => [District])
  districts(@Context() ctx: RequestContext): Promise<District[]> {
    return this.directory.districts(ctx.actor!);
  }

  @Allow('read', 'Park')
  @Query(() => [Park])
  parks(@Context() ctx: RequestContext): Promise<Park[]> {
    return this.directory.parks(ctx.actor!);
  }

  @Allow('create', 'District')
  @Mutation(() => District)
  createDistrict(
    @Args('input') input: CreateDistrictInput,
    @Context() ctx: RequestContext,
  ): Promise<District> {
    return this.directory.createDistrict(ctx.actor!, input);
  }

  @Allow('create', 'Park')
  @Mutation(() => Park)
  createPark(@Args('input') input: CreateParkInput, @Context() ctx: RequestContext): Promise<Park> {
    return this.directory.createPark(ctx.actor!, input);
  }
}
