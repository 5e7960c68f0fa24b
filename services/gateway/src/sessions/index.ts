import { IpUnblockListener } from './ip-unblock.listener.js';
import { SchoolSessionsController } from './school-sessions.controller.js';

/** Registered in the gateway's AppModule. */
export const SESSIONS_CONTROLLERS = [SchoolSessionsController];
export const SESSIONS_PROVIDERS = [IpUnblockListener];
