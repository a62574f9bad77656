import { benchRender } from '../bench/bench-render.js';

describe('benchRender', () => {
  it('renders the referral letter repeatedly and reports documents per second', async () => {
    const result = await benchRender('REFERRAL_LETTER', 200);
    expect(result.kind).toBe('REFERRAL_LETTER');
    expect(result.documents).toBeGreaterThan(0);
    expect(result.documentsPerSecond).toBeCloseTo(result.documents / result.seconds);
    expect(result.bytesPerDocument).toBeGreaterThan(5000);
  });
});
