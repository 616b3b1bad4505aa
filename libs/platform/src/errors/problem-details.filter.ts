import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import type { JsonLogger } from '../logging';
import { toProblem } from './problem';

/** The one global filter: every error leaves as a JSON problem document. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = toProblem(error);
    if (problem.errorId) {
      this.logger.event('error', 'unhandled error', {
        errorId: problem.errorId,
        error: error instanceof Error ? error.name : typeof error,
        frames: error instanceof Error ? stackFrames(error) : undefined,
      });
    }
    if (response.headersSent) return;
    if (problem.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="rung"');
    // The rate limiter sets its own Retry-After; a full analytics queue frees up within a second or so.
    if (problem.status === 429 && !response.getHeader('Retry-After')) response.setHeader('Retry-After', '1');
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }
}

/** Only the frames: an error's message can quote the input that caused it, and payloads are never logged. */
function stackFrames(error: Error): string | undefined {
  return error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')).join('\n');
}
