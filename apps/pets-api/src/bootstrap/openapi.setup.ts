import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ProblemDetailsSchema } from '../http/openapi/problem-details.schema';
import { documentUpstreamRoute } from '../upstream/consumer/http/upstream.http-route';

/** The OpenAPI 3 document of both API versions, built from the controllers and DTOs. */
export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('pets-platform API')
    .setDescription(
      'Pets in two API versions over one internal model. Reads are public; writes need a bearer token. ' +
        'Bodies and answers are JSON or YAML (Content-Type / Accept); every error is application/problem+json (RFC 9457).',
    )
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'One of the API_TOKENS.' })
    .addTag('pets v1', 'Pets with location as a word.')
    .addTag('pets v2', 'Pets with location as an object, versions, ETags and If-Match.')
    .addTag('tags v1', 'Per-tag location counts, kept up to date by the aggregation worker.')
    .addTag('admin', 'Rebuilds of the aggregates.')
    .addTag('benchmark', "The articles' I/O benchmark route.")
    .addTag('operations', 'Health and readiness.')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetailsSchema] });
  documentUpstreamRoute(document);
  return document;
}

/** Swagger UI at /docs, the document at /docs/openapi.json and /docs/openapi.yaml. */
export function serveOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    customSiteTitle: 'pets-platform API',
  });
}
