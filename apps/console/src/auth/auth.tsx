/**
 * Who is signed in: whether this tab holds an API key (api/key.ts). Signing in keeps a key that
 * the API accepted; a 401 from any later call (api/client.ts) signs out, and the sign-in page says
 * why.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { onUnauthorized } from "../api/client.js";
import { clearApiKey, getApiKey, setApiKey } from "../api/key.js";

interface Auth {
  signedIn: boolean;
  /** Why the last session ended, when the API refused its key. */
  notice: string | null;
  signIn: (key: string) => void;
  signOut: () => void;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [signedIn, setSignedIn] = useState(() => getApiKey() !== null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    onUnauthorized(() => {
      setSignedIn(false);
      setNotice("The API refused the key of this session: sign in again.");
    });
    return () => onUnauthorized(null);
  }, []);

  const signIn = useCallback((key: string) => {
    setApiKey(key);
    setNotice(null);
    setSignedIn(true);
  }, []);
  const signOut = useCallback(() => {
    clearApiKey();
    setNotice(null);
    setSignedIn(false);
  }, []);

  const value = useMemo(() => ({ signedIn, notice, signIn, signOut }), [signedIn, notice, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error("useAuth outside AuthProvider");
  return auth;
}
