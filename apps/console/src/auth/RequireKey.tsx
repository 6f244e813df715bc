/** Pages behind the key: without one, back to the sign-in page, which returns here after. */
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";
import { useAuth } from "./auth.js";

export function RequireKey({ children }: { children: ReactNode }) {
  const { signedIn } = useAuth();
  const location = useLocation();
  if (!signedIn) return <Navigate to="/" replace state={{ from: location.pathname + location.search }} />;
  return children;
}
