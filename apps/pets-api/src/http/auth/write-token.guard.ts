import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AuthSettings } from '../../config/auth.settings';
import { HttpProblem } from '../problem/problem-details';

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const CHALLENGE = { 'www-authenticate': 'Bearer realm="pets-api"' };

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Writes need `Authorization: Bearer <token>` with one of API_TOKENS: 401
 * without a (well-formed) token, 403 with a token that is not allowed.
 * Tokens are compared as SHA-256 digests in constant time.
 */
@Injectable()
export class WriteTokenGuard implements CanActivate {
  private readonly allowed: Buffer[];

  constructor(settings: AuthSettings) {
    this.allowed = settings.tokens.map(digest);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<FastifyRequest>().headers.authorization;
    if (!header) {
      throw new HttpProblem(401, 'Writes need an Authorization: Bearer <token> header.', {
        headers: CHALLENGE,
      });
    }
    const token = BEARER.exec(header)?.[1];
    if (!token) {
      throw new HttpProblem(401, 'The Authorization header must be "Bearer <token>".', {
        headers: { 'www-authenticate': 'Bearer realm="pets-api", error="invalid_request"' },
      });
    }
    const presented = digest(token);
    if (!this.allowed.some((candidate) => timingSafeEqual(candidate, presented))) {
      throw new HttpProblem(403, 'This token may not write.');
    }
    return true;
  }
}
