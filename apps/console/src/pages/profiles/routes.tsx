/**
 * The Profiles pages (`/console/profiles`, `/console/profiles/:id`); App mounts these routes
 * inside the shell.
 */
import { Text } from "@mantine/core";
import type { RouteObject } from "react-router";
import { PageTitle } from "../../components/PageTitle.js";

function ProfilesPlaceholder() {
  return (
    <>
      <PageTitle title="Profiles" />
      <Text>Profiles will be searched here.</Text>
    </>
  );
}

export const profileRoutes: RouteObject[] = [
  { path: "profiles", element: <ProfilesPlaceholder /> },
  { path: "profiles/:id", element: <ProfilesPlaceholder /> },
];
