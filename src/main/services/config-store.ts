/** Source configurations (no secrets) in one JSON file, written atomically. */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sourceConfigSchema, type SourceConfig } from '../../shared/ipc/schemas';

export interface ConfigStore {
  list(): Promise<SourceConfig[]>;
  save(config: SourceConfig): Promise<void>;
  remove(id: string): Promise<void>;
}

export function createFileConfigStore(file: string, log: (line: string) => void = () => {}): ConfigStore {
  let cache: SourceConfig[] | undefined;
  let queue: Promise<void> = Promise.resolve();

  async function load(): Promise<SourceConfig[]> {
    if (cache) return cache;
    let raw: unknown = [];
    try {
      raw = JSON.parse(await readFile(file, 'utf8'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log(`config: unreadable ${file}: ${(e as Error).message}`);
    }
    const list = Array.isArray(raw) ? raw : [];
    cache = [];
    for (const item of list) {
      const parsed = sourceConfigSchema.safeParse(item);
      if (parsed.success) cache.push(parsed.data);
      else log(`config: skipped an invalid source entry: ${parsed.error.issues[0]?.message}`);
    }
    return cache;
  }

  async function persist(list: SourceConfig[]) {
    const run = async () => {
      await mkdir(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(list, null, 2));
      await rename(tmp, file);
    };
    queue = queue.then(run, run);
    await queue;
  }

  return {
    list: async () => [...(await load())],
    async save(config) {
      const list = await load();
      const i = list.findIndex((c) => c.id === config.id);
      if (i >= 0) list[i] = config;
      else list.push(config);
      await persist(list);
    },
    async remove(id) {
      const list = await load();
      const i = list.findIndex((c) => c.id === id);
      if (i >= 0) {
        list.splice(i, 1);
        await persist(list);
      }
    },
  };
}

export function createMemoryConfigStore(initial: SourceConfig[] = []): ConfigStore {
  const list = [...initial];
  return {
    list: async () => [...list],
    async save(config) {
      const i = list.findIndex((c) => c.id === config.id);
      if (i >= 0) list[i] = config;
      else list.push(config);
    },
    async remove(id) {
      const i = list.findIndex((c) => c.id === id);
      if (i >= 0) list.splice(i, 1);
    },
  };
}
