/**
 * The baseline of the gateway benchmark: the smallest NestJS application on Fastify over HTTPS, with
 * the gateway's certificate. Run as its own process, like the gateway:
 *   HELLO_PORT=... HELLO_CERT_FILE=... HELLO_KEY_FILE=... node --import @swc-node/register/esm-register bench/support/hello-nest.ts
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';

@Controller()
class HelloController {
  @Get('hello')
  hello(): { hello: string } {
    return { hello: 'world' };
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

const env = process.env;
const adapter = new FastifyAdapter({
  https: { cert: readFileSync(env['HELLO_CERT_FILE']!), key: readFileSync(env['HELLO_KEY_FILE']!) },
});
const app = await NestFactory.create<NestFastifyApplication>(HelloModule, adapter, { logger: false });
app.enableShutdownHooks();
await app.listen(Number(env['HELLO_PORT']), '127.0.0.1');
