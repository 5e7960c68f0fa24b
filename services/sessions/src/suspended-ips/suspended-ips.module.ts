import { Module } from '@nestjs/common';
import { HostingNumbers } from './hosting-numbers.js';
import { SuspendedIpsHandler } from './suspended-ips.handler.js';
import { SuspendedIpsRepository } from './suspended-ips.repository.js';
import { SuspendedIpsService } from './suspended-ips.service.js';

@Module({ providers: [SuspendedIpsRepository, HostingNumbers, SuspendedIpsService, SuspendedIpsHandler] })
export class SuspendedIpsModule {}
