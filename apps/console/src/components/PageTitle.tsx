/** A page's heading, and the browser tab's title with it. */
import { Group, Title } from "@mantine/core";
import { type ReactNode, useEffect } from "react";

export function PageTitle({
  children,
  title,
  actions,
}: {
  children?: ReactNode;
  title: string;
  actions?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · segflow`;
  }, [title]);
  return (
    <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
      <Title order={1} size="h2">
        {children ?? title}
      </Title>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
