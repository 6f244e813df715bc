/** The Segments pages: the list, a new segment, one segment's editor. */
import { Text } from "@mantine/core";
import type { RouteObject } from "react-router";
import { PageTitle } from "../../components/PageTitle.js";

function SegmentsPlaceholder() {
  return (
    <>
      <PageTitle title="Segments" />
      <Text>Segments will be listed here.</Text>
    </>
  );
}

export const segmentRoutes: RouteObject[] = [
  { path: "segments", element: <SegmentsPlaceholder /> },
  { path: "segments/new", element: <SegmentsPlaceholder /> },
  { path: "segments/:id", element: <SegmentsPlaceholder /> },
];
