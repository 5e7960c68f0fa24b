/** Injection token: the UAI of the restore-drill sandbox runtime (RUNTIME_SIM_SANDBOX_UAI). */
export const SANDBOX_UAI = Symbol('SANDBOX_UAI');
