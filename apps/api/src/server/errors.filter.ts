import { type ArgumentsHost, Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { RestError, sendRestError, toRestError } from '../common/rest-errors.js';

/**
 * GraphQL: hands every resolver error to Apollo as it is. Expected ones (wrong password, forbidden)
 * must not be logged as server errors by Nest; unexpected ones are logged once, by formatError.
 * HTTP (files, exports, reports, unknown paths, bodies the parsers refused): every error in the one
 * REST shape (`RestErrorBody`); an unexpected one is logged here and answered without its details.
 */
@Catch()
export class ErrorsFilter implements GqlExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') return exception;
    const http = host.switchToHttp();
    const error = toRestError(exception);
    // A RestError of 500 was logged where it was made, with what it concerns.
    if (error.status >= 500 && !(exception instanceof RestError))
      http.getRequest<Request & { log?: Logger }>().log?.error({ err: exception }, 'unexpected error');
    sendRestError(http.getResponse<Response>(), error);
    return undefined;
  }
}
