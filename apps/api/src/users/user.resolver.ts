import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Allow } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import {
  CreateUserInput,
  ResetUserPasswordInput,
  SetUserActiveInput,
  SetUserEmailInput,
  SetUserRolesInput,
  User,
} from '../graphql/models.js';
import { UserService } from './user.service.js';

@Resolver()
export class UserResolver {
  constructor(@Inject(UserService) private readonly userService: UserService) {}

  @Allow('read', 'User')
  @Query(() => [User])
  users(@Context() ctx: RequestContext): Promise<User[]> {
    return this.userService.list(ctx.actor!);
  }

  @Allow('create', 'User')
  @Mutation(() => User)
  createUser(@Args('input') input: CreateUserInput, @Context() ctx: RequestContext): Promise<User> {
    return this.userService.create(ctx.actor!, input);
  }

  @Allow('update', 'User')
  @Mutation(() => User)
  setUserRoles(@Args('input') input: SetUserRolesInput, @Context() ctx: RequestContext): Promise<User> {
    return this.userService.setRoles(ctx.actor!, input);
  }

  @Allow('update', 'User')
  @Mutation(() => User, { description: 'Sets or clears where the person gets e-mail notifications.' })
  setUserEmail(@Args('input') input: SetUserEmailInput, @Context() ctx: RequestContext): Promise<User> {
    return this.userService.setEmail(ctx.actor!, input);
  }

  @Allow('update', 'User')
  @Mutation(() => User, {
    description: 'Sets a new password for a person of the park; every session of theirs ends at once.',
  })
  resetUserPassword(
    @Args('input') input: ResetUserPasswordInput,
    @Context() ctx: RequestContext,
  ): Promise<User> {
    return this.userService.resetPassword(ctx.actor!, input);
  }

  @Allow('update', 'User')
  @Mutation(() => User)
  setUserActive(@Args('input') input: SetUserActiveInput, @Context() ctx: RequestContext): Promise<User> {
    return this.userService.setActive(ctx.actor!, input.userId, input.active);
  }
}
