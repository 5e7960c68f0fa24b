export const COMMAND_TIMEOUT = Symbol('COMMAND_TIMEOUT');
