/** The search by profile id (ids are exact: the API reads one profile by its id), on both profile pages. */
import { Button, Group, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { useNavigate } from "react-router";

export function ProfileSearch({ current = "" }: { current?: string }) {
  const navigate = useNavigate();
  const [id, setId] = useState(current);
  useEffect(() => setId(current), [current]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const typed = id.trim();
    if (typed) navigate(`/profiles/${encodeURIComponent(typed)}`);
  }

  return (
    <search>
      <form onSubmit={submit}>
        <Group align="flex-end" gap="sm" wrap="nowrap">
          <TextInput
            label="Profile id"
            placeholder="p-00042"
            value={id}
            onChange={(e) => setId(e.currentTarget.value)}
            data-testid="profile-search"
            style={{ flex: 1, maxWidth: 360 }}
            autoComplete="off"
            spellCheck={false}
          />
          <Button type="submit" data-testid="profile-search-submit">
            Open
          </Button>
        </Group>
      </form>
    </search>
  );
}
