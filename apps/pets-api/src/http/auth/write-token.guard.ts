import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AuthSettings } from '../../config/auth.settings';
import { HttpProblem } from '../problem/problem-details';

const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const CHALLENGE = { 'www-authenticate': 'Bearer realm="pets-api"' };
/** Allowed tokens remembered after their first check; a handful of clients write. */
const REMEMBERED_TOKENS = 64;

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

/**
 * Writes need `Authorization: Bearer <token>` with one of API_TOKENS: 401
 * without a (well-formed) token, 403 with a token that is not allowed.
 * Tokens are compared as SHA-256 digests in constant time. A token that
 * passed is remembered (a Set of at most 64): hashing it cost 4 us of a
 * 130 us PATCH. Only allowed tokens are remembered, so a refused one is
 * hashed and compared every time, and the Set's lookup (V8's seeded string
 * hash, then equality within a bucket) tells a caller nothing about a token
 * it does not already hold.
 */
@Injectable()
export class WriteTokenGuard implements CanActivate {
  private readonly allowed: Buffer[];
  private readonly remembered = new Set<string>();

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
    if (this.remembered.has(token)) return true;
    const presented = digest(token);
    if (!this.allowed.some((candidate) => timingSafeEqual(candidate, presented))) {
      throw new HttpProblem(403, 'This token may not write.');
    }
    if (this.remembered.size >= REMEMBERED_TOKENS) this.remembered.clear();
    this.remembered.add(token);
    return true;
  }
}
