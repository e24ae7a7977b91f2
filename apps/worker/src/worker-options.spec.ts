import { ConfigError, loadConfig } from '@kp/shared/config';
import { workerCacheOptions, workerRuntimeOptions, workerStickyOptions } from './temporal-worker.service';

describe('WORKER_MAX_CACHED_WORKFLOWS', () => {
  it('leaves the sticky cache to the SDK default when unset', () => {
    expect(loadConfig({}).WORKER_MAX_CACHED_WORKFLOWS).toBeUndefined();
    expect(workerCacheOptions(loadConfig({}))).toEqual({});
  });

  it('sizes the sticky cache when set', () => {
    const config = loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '12000' });
    expect(config.WORKER_MAX_CACHED_WORKFLOWS).toBe(12_000);
    expect(workerCacheOptions(config)).toEqual({ maxCachedWorkflows: 12_000 });
  });

  it.each(['0', '-5', '1.5', 'veel', '2000000'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: value })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });
});

describe('WORKER_METRICS_ADDRESS', () => {
  it('installs no runtime of its own when unset', () => {
    expect(workerRuntimeOptions(loadConfig({}))).toBeNull();
  });

  it('serves the SDK metrics for Prometheus on host:port', () => {
    expect(workerRuntimeOptions(loadConfig({ WORKER_METRICS_ADDRESS: '0.0.0.0:9464' }))).toEqual({
      telemetryOptions: { metrics: { prometheus: { bindAddress: '0.0.0.0:9464' } } },
    });
    expect(loadConfig({ WORKER_METRICS_ADDRESS: '[::1]:9464' }).WORKER_METRICS_ADDRESS).toBe('[::1]:9464');
  });

  it.each(['9464', 'http://0.0.0.0:9464', 'host:', 'host:poort'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ WORKER_METRICS_ADDRESS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKER_METRICS_ADDRESS: value })).toThrow(/WORKER_METRICS_ADDRESS/);
  });
});

describe('WORKER_STICKY_TIMEOUT_SECONDS', () => {
  it('leaves the sticky queue timeout to the SDK default when unset', () => {
    expect(loadConfig({}).WORKER_STICKY_TIMEOUT_SECONDS).toBeUndefined();
    expect(workerStickyOptions(loadConfig({}))).toEqual({});
  });

  it('sets the schedule-to-start timeout of the sticky queue in seconds', () => {
    expect(workerStickyOptions(loadConfig({ WORKER_STICKY_TIMEOUT_SECONDS: '300' }))).toEqual({
      stickyQueueScheduleToStartTimeout: '300s',
    });
  });

  it.each(['0', '-1', '2.5', 'lang', '3601'])('refuses %s, naming the variable', (value) => {
    expect(() => loadConfig({ WORKER_STICKY_TIMEOUT_SECONDS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKER_STICKY_TIMEOUT_SECONDS: value })).toThrow(/WORKER_STICKY_TIMEOUT_SECONDS/);
  });
});
