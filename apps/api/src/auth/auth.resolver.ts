import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { packedAbilities } from '../access/ability.js';
import { Public, SignedIn } from '../access/permission.decorator.js';
import type { RequestContext } from '../access/request-context.js';
import {
  AuthPayload,
  ChangePasswordInput,
  Me,
  RefreshSessionInput,
  SignInInput,
  SignOutInput,
} from '../graphql/models.js';
import { AuthService } from './auth.service.js';

@Resolver()
export class AuthResolver {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayload)
  signIn(@Args('input') input: SignInInput, @Context() ctx: RequestContext): Promise<AuthPayload> {
    return this.auth.login(input.username, input.password, ctx.ip);
  }

  @Public()
  @Mutation(() => AuthPayload)
  refreshSession(@Args('input') input: RefreshSessionInput): Promise<AuthPayload> {
    return this.auth.refresh(input.refreshToken);
  }

  @SignedIn()
  @Mutation(() => AuthPayload, {
    description:
      'Changes your password; every other session ends at once, this one goes on with the tokens returned.',
  })
  changePassword(
    @Args('input') input: ChangePasswordInput,
    @Context() ctx: RequestContext,
  ): Promise<AuthPayload> {
    return this.auth.changePassword(ctx.actor!, input.currentPassword, input.newPassword, ctx.ip);
  }

  @Public()
  @Mutation(() => Boolean, {
    description: 'Ends the sign-in of this refresh token; the access tokens already issued stop working.',
  })
  signOut(@Args('input') input: SignOutInput): Promise<boolean> {
    return this.auth.logout(input.refreshToken);
  }

  @SignedIn()
  @Query(() => Me)
  me(@Context() ctx: RequestContext): Promise<Me> {
    return this.auth.me(ctx.actor!);
  }

  @SignedIn()
  @Query(() => String, { description: 'Packed CASL rules (JSON of packRules) for the signed-in user.' })
  myAbilities(@Context() ctx: RequestContext): string {
    return packedAbilities(ctx.ability);
  }
}
