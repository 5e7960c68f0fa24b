import { OperatorBackupsController } from './operator-backups.controller.js';
import { SchoolBackupsController } from './school-backups.controller.js';

/** Registered in the gateway's AppModule. */
export const BACKUPS_CONTROLLERS = [SchoolBackupsController, OperatorBackupsController];
