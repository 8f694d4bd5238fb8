/**
 * electron-builder cannot run on the CI machines (no Electron binary), so this keeps its
 * configuration valid with electron-builder's own schema validation, and consistent with
 * package.json and resources/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// app-builder-lib is electron-builder's library; its config loader and schema are what `npm run dist` uses.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';

const root = join(__dirname, '../../..');

describe('packaging configuration', () => {
  it('is valid for electron-builder and targets Windows, macOS and Linux', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.appId).toBe('org.switchboard.console');
    const targets = (t: unknown) => JSON.stringify(t);
    expect(targets(config.win?.target)).toContain('nsis');
    expect(targets(config.mac?.target)).toContain('dmg');
    expect(targets(config.linux?.target)).toContain('AppImage');
    expect(targets(config.linux?.target)).toContain('deb');
  });

  it('points at files that exist and at the build output electron-vite writes', async () => {
    const config = await getConfig(root, join(root, 'electron-builder.yml'), null);
    for (const icon of [config.win?.icon, config.mac?.icon, config.linux?.icon]) {
      expect(icon && existsSync(join(root, String(icon))), String(icon)).toBe(true);
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('./out/main/index.js');
    expect(pkg.scripts.dist).toContain('electron-builder');
    expect(JSON.stringify(config.files)).toContain('out/**');
    expect(existsSync(join(root, 'resources/demo'))).toBe(true);
  });
});
