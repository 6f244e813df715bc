/** The Segments pages: the list, a new segment, one segment's editor. */
import type { RouteObject } from "react-router";
import { SegmentEditPage } from "./SegmentEditPage.js";
import { SegmentsListPage } from "./SegmentsListPage.js";

export const segmentRoutes: RouteObject[] = [
  { path: "segments", element: <SegmentsListPage /> },
  { path: "segments/new", element: <SegmentEditPage /> },
  { path: "segments/:id", element: <SegmentEditPage /> },
];
