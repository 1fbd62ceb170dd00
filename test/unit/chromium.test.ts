import { describe, expect, it } from 'vitest';
import { findChromium, PATH_NAMES } from '../../scripts/chromium.mjs';

/**
 * scripts/chromium.mjs decides which browser the tests, the benchmark and .ci/run use. The
 * probes are fakes here: no browser is needed, and what is installed on this machine does
 * not change the outcome.
 */
describe('findChromium()', () => {
  /** A machine with these files and these commands on PATH; records every probe in order. */
  const machine = (files: string[], commands: Record<string, string>, env: Record<string, string | undefined> = {}) => {
    const probes: string[] = [];
    const find = () =>
      findChromium({
        env,
        exists: (p) => (probes.push(`file ${p}`), files.includes(p)),
        onPath: (n) => (probes.push(`path ${n}`), commands[n] ?? null),
      });
    return { find, probes };
  };

  it('should take CHROME_PATH first, without looking further', () => {
    const m = machine(['/opt/chrome/chrome', '/usr/bin/chromium'], { chromium: '/bin/chromium' }, { CHROME_PATH: '/opt/chrome/chrome' });
    expect(m.find()).toBe('/opt/chrome/chrome');
    expect(m.probes).toEqual(['file /opt/chrome/chrome']);
  });

  it('should fail, not fall back, when CHROME_PATH names nothing', () => {
    const m = machine(['/usr/bin/chromium'], {}, { CHROME_PATH: '/nope' });
    expect(m.find).toThrow('CHROME_PATH=/nope does not exist');
  });

  it('should take /usr/bin/chromium before anything on PATH', () => {
    const m = machine(['/usr/bin/chromium'], { chromium: '/usr/local/bin/chromium' });
    expect(m.find()).toBe('/usr/bin/chromium');
    expect(m.probes).toEqual(['file /usr/bin/chromium']);
  });

  it('should then look up chromium, chromium-browser and google-chrome on PATH, in that order', () => {
    expect(PATH_NAMES).toEqual(['chromium', 'chromium-browser', 'google-chrome']);
    const all = machine([], { chromium: '/a/chromium', 'chromium-browser': '/b/chromium-browser', 'google-chrome': '/c/google-chrome' });
    expect(all.find()).toBe('/a/chromium');
    const ubuntu = machine([], { 'chromium-browser': '/usr/bin/chromium-browser', 'google-chrome': '/c/google-chrome' });
    expect(ubuntu.find()).toBe('/usr/bin/chromium-browser');
    const chrome = machine([], { 'google-chrome': '/usr/bin/google-chrome' });
    expect(chrome.find()).toBe('/usr/bin/google-chrome');
    expect(chrome.probes).toEqual(['file /usr/bin/chromium', 'path chromium', 'path chromium-browser', 'path google-chrome']);
  });

  it('should ignore an empty CHROME_PATH and return null when nothing is found', () => {
    const m = machine([], {}, { CHROME_PATH: '' });
    expect(m.find()).toBeNull();
  });
});
