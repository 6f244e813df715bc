/**
 * The console's pages (URLs under `/console/`, the router's basename): the sign-in page at `/`,
 * every other page inside the shell and behind the key. Each section declares its own routes
 * (pages/<section>/routes.tsx).
 */
import { Navigate, type RouteObject, useRoutes } from "react-router";
import { RequireKey } from "./auth/RequireKey.js";
import { SignInPage } from "./auth/SignInPage.js";
import { NotFoundPage } from "./layout/NotFoundPage.js";
import { Shell } from "./layout/Shell.js";
import { modelRoutes } from "./pages/models/routes.js";
import { profileRoutes } from "./pages/profiles/routes.js";
import { runRoutes } from "./pages/runs/routes.js";
import { segmentRoutes } from "./pages/segments/routes.js";

const ROUTES: RouteObject[] = [
  { path: "/", element: <SignInPage /> },
  {
    element: (
      <RequireKey>
        <Shell />
      </RequireKey>
    ),
    children: [
      ...segmentRoutes,
      ...runRoutes,
      ...modelRoutes,
      ...profileRoutes,
      { path: "*", element: <NotFoundPage /> },
    ],
  },
  { path: "*", element: <Navigate to="/" replace /> },
];

export function App() {
  return useRoutes(ROUTES);
}
