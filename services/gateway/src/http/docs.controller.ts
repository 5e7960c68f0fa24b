import { Controller, Get } from '@nestjs/common';
import { openApiDocument } from './openapi.js';

@Controller('api/docs')
export class DocsController {
  private readonly document = openApiDocument();

  @Get()
  get(): Record<string, unknown> {
    return this.document;
  }
}
