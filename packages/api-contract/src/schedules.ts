/** `/v1/schedules`: scheduled evaluations (BullMQ job schedulers). */
import { z } from "zod";
import { IsoDate } from "./common.js";
import { response } from "./registry.js";

export const ScheduleResponse = response(
  "Schedule",
  z.object({
    id: z.string(),
    pattern: z.string().nullable(),
    next: IsoDate.nullable(),
    segmentIds: z.array(z.string()).nullable().meta({ description: "null: every stored segment" }),
  }),
);
export type ScheduleResponse = z.infer<typeof ScheduleResponse>;

export const ScheduleListResponse = response(
  "ScheduleList",
  z.object({ schedules: z.array(ScheduleResponse) }),
);

export const ScheduleAllResponse = response(
  "ScheduleAllResponse",
  z.object({ id: z.string(), schedule: ScheduleResponse.nullable() }),
);
