/** The Profiles pages: search by id, one profile. */
import type { RouteObject } from "react-router";
import { ProfilePage, ProfileSearchPage } from "./ProfilePages.js";

export const profileRoutes: RouteObject[] = [
  { path: "profiles", element: <ProfileSearchPage /> },
  { path: "profiles/:id", element: <ProfilePage /> },
];
