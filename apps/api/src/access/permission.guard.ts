import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { authProblemMessage } from '../auth/auth.middleware.js';
import { forbidden, unauthenticated } from '../common/errors.js';
import { PERMISSION_METADATA, type Permission } from './permission.decorator.js';
import type { RequestContext } from './request-context.js';

/** Enforces each operation's declared permission; an operation without one is refused (fail closed). */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const info = gql.getInfo<{ parentType: { name: string } }>();
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_METADATA, [
      context.getHandler(),
      context.getClass(),
    ]);
    // Field resolvers of object types inherit the check of the operation that reached them.
    const isOperation = ['Query', 'Mutation', 'Subscription'].includes(info.parentType.name);
    if (!permission) {
      if (isOperation) throw forbidden('操作未声明权限 / Operation has no declared permission');
      return true;
    }
    if (permission.kind === 'public') return true;
    const ctx = gql.getContext<RequestContext>();
    if (!ctx.actor) {
      throw unauthenticated(authProblemMessage(ctx.authProblem));
    }
    if (permission.kind === 'signed-in') return true;
    if (!ctx.ability.can(permission.action, permission.subject)) throw forbidden();
    return true;
  }
}
