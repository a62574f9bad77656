import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import { CreateDepartmentInput, Department, UpdateDepartmentInput } from '../graphql/models.js';
import { DepartmentService } from './department.service.js';

@Resolver()
export class DepartmentResolver {
  constructor(@Inject(DepartmentService) private readonly departments: DepartmentService) {}

  @Allow('read', 'Department')
  @Query(() => [Department], { name: 'departments' })
  list(@Context() ctx: RequestContext): Promise<Department[]> {
    return this.departments.list(ctx.actor!);
  }

  @Allow('create', 'Department')
  @Mutation(() => Department)
  createDepartment(
    @Args('input') input: CreateDepartmentInput,
    @Context() ctx: RequestContext,
  ): Promise<Department> {
    return this.departments.create(ctx.actor!, input);
  }

  @Allow('update', 'Department')
  @Mutation(() => Department)
  updateDepartment(
    @Args('input') input: UpdateDepartmentInput,
    @Context() ctx: RequestContext,
  ): Promise<Department> {
    return this.departments.update(ctx.actor!, input);
  }
}
