import { type ArgumentsHost, Catch, HttpException } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Response } from 'express';

/**
 * GraphQL: hands every resolver error to Apollo as it is. Expected ones (wrong password, forbidden)
 * must not be logged as server errors by Nest; unexpected ones are logged once, by formatError.
 * HTTP (health, unknown paths): a plain JSON answer with the right status and no details.
 */
@Catch()
export class GraphqlErrorsFilter implements GqlExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      response
        .status(exception.getStatus())
        .json({ statusCode: exception.getStatus(), message: exception.message });
    } else {
      response.status(500).json({ statusCode: 500, message: 'Internal server error' });
    }
    return undefined;
  }
}
