/** The Runs pages: recent runs and starting one, one run's progress and counts. */
import { Text } from "@mantine/core";
import type { RouteObject } from "react-router";
import { PageTitle } from "../../components/PageTitle.js";

function RunsPlaceholder() {
  return (
    <>
      <PageTitle title="Runs" />
      <Text>Evaluation runs will be listed here.</Text>
    </>
  );
}

export const runRoutes: RouteObject[] = [
  { path: "runs", element: <RunsPlaceholder /> },
  { path: "runs/:id", element: <RunsPlaceholder /> },
];
