import { constantTimeEqual } from './constant-time.js';

describe('constantTimeEqual', () => {
  it('tells equal strings from different ones, whatever their lengths', () => {
    expect(constantTimeEqual('0750654D', '0750654D')).toBe(true);
    expect(constantTimeEqual('0750654D', '0750653C')).toBe(false);
    expect(constantTimeEqual('0750654D', '0750654D ')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual('é', 'e\u0301')).toBe(false);
  });
});
