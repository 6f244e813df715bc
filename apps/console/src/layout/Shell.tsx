/**
 * The frame of every signed-in page: a header (title, sign out), the navigation and the page.
 * Mantine's AppShell keeps the navigation beside the page from the `sm` breakpoint up and behind
 * a menu button on phone-width screens. A "skip to content" link comes first in the tab order.
 */
import { AppShell, Burger, Button, Group, NavLink, Text, VisuallyHidden } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Outlet, NavLink as RouterLink, useLocation } from "react-router";
import { useAuth } from "../auth/auth.js";
import { ErrorBoundary } from "./ErrorBoundary.js";

const SECTIONS = [
  { to: "/segments", label: "Segments", testId: "nav-segments" },
  { to: "/runs", label: "Runs", testId: "nav-runs" },
  { to: "/models", label: "Models", testId: "nav-models" },
  { to: "/profiles", label: "Profiles", testId: "nav-profiles" },
] as const;

export function Shell() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { signOut } = useAuth();
  const location = useLocation();

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 200, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <a href="#main" className="skip-link">
              Skip to content
            </a>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? "Close navigation" : "Open navigation"}
            />
            <Text fw={700} size="lg" component="span">
              segflow
            </Text>
            <VisuallyHidden>console</VisuallyHidden>
          </Group>
          <Button variant="subtle" size="compact-sm" onClick={signOut}>
            Sign out
          </Button>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label="Sections">
        {SECTIONS.map((s) => (
          <NavLink
            key={s.to}
            component={RouterLink}
            to={s.to}
            label={s.label}
            data-testid={s.testId}
            active={location.pathname === s.to || location.pathname.startsWith(`${s.to}/`)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <ErrorBoundary key={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </AppShell.Main>
    </AppShell>
  );
}
