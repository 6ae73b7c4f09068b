import { describe, expect, it } from 'vitest';
import { createCircuitBreaker, type CircuitPermit, type CircuitRefusal, type CircuitState } from '../../../src/upstreams/circuit-breaker.ts';

const OPEN_MS = 30_000;

function setup(failureThreshold = 3) {
  let clock = 1_000_000;
  const changes: CircuitState[] = [];
  const breaker = createCircuitBreaker({ failureThreshold, openMs: OPEN_MS, now: () => clock, onStateChange: (s) => void changes.push(s) });
  const permit = (): CircuitPermit => {
    const admitted = breaker.admit();
    if (admitted.kind !== 'permit') throw new Error(`expected a permit, got a refusal: ${JSON.stringify(admitted)}`);
    return admitted;
  };
  const refusal = (): CircuitRefusal => {
    const admitted = breaker.admit();
    if (admitted.kind !== 'refused') throw new Error('expected a refusal, got a permit');
    return admitted;
  };
  return { breaker, changes, permit, refusal, advance: (ms: number) => void (clock += ms) };
}

describe('createCircuitBreaker', () => {
  it('stays closed below the threshold and opens at exactly CIRCUIT_FAILURE_THRESHOLD consecutive failures', () => {
    const { breaker, changes, permit } = setup(3);
    permit().failed();
    permit().failed();
    expect(breaker.state()).toBe('closed');
    permit().failed();
    expect(breaker.state()).toBe('open');
    expect(changes).toEqual(['open']);
  });

  it('counts consecutive failures only: a success in between starts the count again', () => {
    const { breaker, permit } = setup(3);
    permit().failed();
    permit().failed();
    permit().succeeded();
    permit().failed();
    permit().failed();
    expect(breaker.state()).toBe('closed');
  });

  it('refuses every attempt while open, saying after how many failures and for how long', () => {
    const { breaker, refusal, permit, advance } = setup(2);
    permit().failed();
    permit().failed();
    expect(refusal()).toEqual({ kind: 'refused', failures: 2, retryInMs: OPEN_MS });
    advance(10_000);
    expect(refusal()).toEqual({ kind: 'refused', failures: 2, retryInMs: 20_000 });
    expect(breaker.check()).toEqual({ kind: 'refused', failures: 2, retryInMs: 20_000 });
  });

  it('after CIRCUIT_OPEN_MS lets exactly one probe through, even with callers asking at the same time', () => {
    const { breaker, permit, refusal, advance } = setup(1);
    permit().failed();
    advance(OPEN_MS - 1);
    expect(breaker.admit().kind).toBe('refused');
    advance(1);
    expect(breaker.state()).toBe('half-open');
    const probe = permit();
    expect(probe.probe).toBe(true);
    for (let i = 0; i < 5; i++) expect(refusal()).toEqual({ kind: 'refused', failures: 1, retryInMs: 0 });
    expect(breaker.check()).not.toBeNull();
  });

  it('closes when the probe succeeds', () => {
    const { breaker, changes, permit, advance } = setup(1);
    permit().failed();
    advance(OPEN_MS);
    permit().succeeded();
    expect(breaker.state()).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
    expect(permit().probe).toBe(false);
    expect(permit().probe).toBe(false);
  });

  it('re-opens for another CIRCUIT_OPEN_MS when the probe fails', () => {
    const { breaker, changes, permit, refusal, advance } = setup(2);
    permit().failed();
    permit().failed();
    advance(OPEN_MS);
    permit().failed();
    expect(breaker.state()).toBe('open');
    expect(refusal()).toEqual({ kind: 'refused', failures: 3, retryInMs: OPEN_MS });
    expect(changes).toEqual(['open', 'half-open', 'open']);
  });

  it('lets the next caller probe when the probe was abandoned unsent', () => {
    const { breaker, permit, advance } = setup(1);
    permit().failed();
    advance(OPEN_MS);
    permit().abandoned();
    expect(breaker.state()).toBe('half-open');
    expect(permit().probe).toBe(true);
  });

  it('ignores verdicts on attempts admitted before the circuit changed state', () => {
    const { breaker, permit, advance } = setup(2);
    const early = [permit(), permit(), permit()];
    early[0]?.failed();
    early[1]?.failed();
    expect(breaker.state()).toBe('open');
    // A late success from before the opening does not close it, nor a late failure extend it.
    early[2]?.succeeded();
    expect(breaker.state()).toBe('open');
    advance(OPEN_MS);
    const probe = permit();
    early[2]?.failed();
    expect(breaker.state()).toBe('half-open');
    probe.succeeded();
    expect(breaker.state()).toBe('closed');
  });

  it('counts a permit once, whatever is called after its first verdict', () => {
    const { breaker, permit } = setup(2);
    const once = permit();
    once.failed();
    once.failed();
    expect(breaker.state()).toBe('closed');
  });
});
