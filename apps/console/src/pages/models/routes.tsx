/**
 * The Models pages (`/console/models`, `/console/models/new`, `/console/models/:id`); App mounts
 * these routes inside the shell.
 */
import { Text } from "@mantine/core";
import type { RouteObject } from "react-router";
import { PageTitle } from "../../components/PageTitle.js";

function ModelsPlaceholder() {
  return (
    <>
      <PageTitle title="Models" />
      <Text>Propensity models will be listed here.</Text>
    </>
  );
}

export const modelRoutes: RouteObject[] = [
  { path: "models", element: <ModelsPlaceholder /> },
  { path: "models/new", element: <ModelsPlaceholder /> },
  { path: "models/:id", element: <ModelsPlaceholder /> },
];
