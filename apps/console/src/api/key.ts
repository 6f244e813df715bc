/**
 * The API key of this browser tab: typed on the sign-in page, kept in `sessionStorage` (gone when
 * the tab closes), sent as `Authorization: Bearer <key>` on every data call, never put in a URL.
 */
const STORAGE_KEY = "segflow.apiKey";

export function getApiKey(): string | null {
  return sessionStorage.getItem(STORAGE_KEY);
}

export function setApiKey(key: string): void {
  sessionStorage.setItem(STORAGE_KEY, key);
}

export function clearApiKey(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
