/** The Runs pages: recent runs and starting one, one run's progress and counts. */
import type { RouteObject } from "react-router";
import { RunPage } from "./RunPage.js";
import { RunsListPage } from "./RunsListPage.js";

export const runRoutes: RouteObject[] = [
  { path: "runs", element: <RunsListPage /> },
  { path: "runs/:id", element: <RunPage /> },
];
