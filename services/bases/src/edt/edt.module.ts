import { Module } from '@nestjs/common';
import { LifecycleModule } from '../lifecycle/lifecycle.module.js';
import { EdtImportService } from './edt-import.service.js';
import { EdtHandler } from './edt.handler.js';
import { EdtRepository } from './edt.repository.js';

@Module({ imports: [LifecycleModule], providers: [EdtRepository, EdtImportService, EdtHandler] })
export class EdtModule {}
