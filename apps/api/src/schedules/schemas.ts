/** Request shapes of `/v1/schedules` (answers: @segflow/api-contract's schedules). */
import { z } from "zod";
import { request, Schedule } from "../http/schemas.js";

export const ScheduleAllBody = request("ScheduleAllRequest", z.strictObject({ schedule: Schedule }));
