// Dexie code runs on fake-indexeddb in unit and integration tests.
import 'fake-indexeddb/auto';
