import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { getLogger, type Logger } from '@pets/logging';
import { mapErrorToProblem } from './problem.mapper';
import { PROBLEM_CONTENT_TYPE } from './problem-details';

/** Answers every error raised inside Nest (guards, pipes, handlers) with a problem document. */
@Catch()
export class ProblemExceptionFilter implements ExceptionFilter {
  private readonly log: Logger = getLogger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendProblem(error, http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), this.log);
  }
}

export function sendProblem(error: unknown, request: FastifyRequest, reply: FastifyReply, log: Logger): void {
  const { problem, headers, unexpected } = mapErrorToProblem(error, request.id);
  if (unexpected) log.error({ err: error, reqId: request.id }, 'request failed unexpectedly');
  if (reply.sent) return;
  void reply
    .status(problem.status)
    .headers(headers)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(problem));
}
