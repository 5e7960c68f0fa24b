import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Req, UseGuards, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { type Bus, sendCommand } from '@pronote/bus';
import { BeginUpload, CompleteUpload, GetUpload, GetUploadTarget, RecordUploadPart, beginUploadRequestSchema, uaiSchema } from '@pronote/contracts';
import { BUS, ZodPipe } from '@pronote/service-kit';
import type { ObjectStore } from '@pronote/storage';
import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { AuthenticatedRequest } from '../auth/principal.js';
import { SchoolAccessGuard } from '../auth/school-access.guard.js';
import { COMMAND_TIMEOUT } from '../http/tokens.js';
import { loadUploadStoreConfig } from './config/upload-store.config.js';
import { readPart } from './raw-part.js';
import { actorOf } from './school-actor.js';
import { UPLOAD_STORE } from './upload-store.provider.js';

const uaiParam = new ZodPipe(uaiSchema);
const uploadIdParam = new ZodPipe(z.uuid({ message: 'the upload id is a UUID' }));
const partNumberParam = new ZodPipe(z.coerce.number().int().min(1).max(10_000));
const HEADER_BYTES = 128;
/** Completion re-reads the whole file for its SHA-256: it gets much more time than a query. */
const COMPLETE_FACTOR = 12;

/**
 * Loading a base (Fiche 8) as a resumable upload: the parts' bytes go from the raw request body
 * straight to the S3 multipart upload the bases service opened; only key, size and sha256 travel on NATS.
 */
@Controller('api/v1/schools/:uai/bases/uploads')
@UseGuards(SchoolAccessGuard)
export class SchoolUploadsController implements OnModuleInit {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(COMMAND_TIMEOUT) private readonly timeoutMs: number,
    @Inject(UPLOAD_STORE) private readonly store: ObjectStore,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Raw bodies stay streams: a part is read (and bounded) by the route itself, never buffered by Fastify.
    if (!fastify.hasContentTypeParser('application/octet-stream')) {
      fastify.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    }
  }

  @Post()
  @HttpCode(201)
  begin(@Param('uai', uaiParam) uai: string, @Body(new ZodPipe(beginUploadRequestSchema)) body: z.infer<typeof beginUploadRequestSchema>, @Req() request: AuthenticatedRequest) {
    return sendCommand(this.bus, BeginUpload, { ...body, uai, actor: actorOf(request) }, { timeoutMs: this.timeoutMs });
  }

  @Get(':uploadId')
  get(@Param('uai', uaiParam) uai: string, @Param('uploadId', uploadIdParam) uploadId: string) {
    return sendCommand(this.bus, GetUpload, { uai, uploadId }, { timeoutMs: this.timeoutMs });
  }

  @Put(':uploadId/parts/:partNumber')
  async putPart(
    @Param('uai', uaiParam) uai: string,
    @Param('uploadId', uploadIdParam) uploadId: string,
    @Param('partNumber', partNumberParam) partNumber: number,
    @Req() request: AuthenticatedRequest,
  ) {
    const target = await sendCommand(this.bus, GetUploadTarget, { uai, uploadId }, { timeoutMs: this.timeoutMs });
    const parts = Math.max(1, Math.ceil(target.size / target.partSize));
    const expected = partNumber < parts ? target.partSize : target.size - target.partSize * (parts - 1);
    const part = await readPart(request.body as Readable, Math.max(0, expected), loadUploadStoreConfig().UPLOAD_PART_MAX_BYTES);
    const etag = await this.store.uploadPartResumable(target.objectKey, target.s3UploadId, partNumber, part.data);
    return sendCommand(
      this.bus,
      RecordUploadPart,
      {
        uai, uploadId, partNumber, etag, size: part.data.length, sha256: part.sha256,
        ...(partNumber === 1 ? { firstBytes: part.data.subarray(0, HEADER_BYTES).toString('base64') } : {}),
      },
      { timeoutMs: this.timeoutMs },
    );
  }

  @Post(':uploadId/complete')
  @HttpCode(200)
  complete(@Param('uai', uaiParam) uai: string, @Param('uploadId', uploadIdParam) uploadId: string, @Req() request: AuthenticatedRequest) {
    return sendCommand(this.bus, CompleteUpload, { uai, uploadId, actor: actorOf(request) }, { timeoutMs: this.timeoutMs * COMPLETE_FACTOR });
  }
}
