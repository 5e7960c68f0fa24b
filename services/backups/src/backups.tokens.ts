export const BACKUPS_CONFIG = Symbol('BACKUPS_CONFIG');
