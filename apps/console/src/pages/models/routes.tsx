/** The Models pages: the list, a new model, one model's insights. */
import type { RouteObject } from "react-router";
import { ModelNewPage } from "./ModelNewPage.js";
import { ModelPage } from "./ModelPage.js";
import { ModelsListPage } from "./ModelsListPage.js";

export const modelRoutes: RouteObject[] = [
  { path: "models", element: <ModelsListPage /> },
  { path: "models/new", element: <ModelNewPage /> },
  { path: "models/:id", element: <ModelPage /> },
];
