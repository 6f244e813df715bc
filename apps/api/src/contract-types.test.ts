/**
 * The statuses the API reports (@segflow/api-contract) are the ones the store keeps: a value
 * added on one side only fails this file's typecheck (`npm test` typechecks before testing).
 */
import type * as Contract from "@segflow/api-contract";
import type * as Store from "@segflow/store";
import { expectTypeOf, test } from "vitest";

test("store and contract statuses are the same values", () => {
  expectTypeOf<Store.MembershipStatus>().toEqualTypeOf<Contract.MembershipStatus>();
  expectTypeOf<Store.MembershipChangeDoc["status"]>().toEqualTypeOf<Contract.MembershipChangeStatus>();
  expectTypeOf<Store.MembershipChangeDoc["source"]>().toEqualTypeOf<Contract.MembershipChangeSource>();
  expectTypeOf<Store.RunStatus>().toEqualTypeOf<Contract.RunStatus>();
  expectTypeOf<Store.ModelStatus>().toEqualTypeOf<Contract.ModelStatus>();
  expectTypeOf<Store.ModelVersionStatus>().toEqualTypeOf<Contract.ModelVersionStatus>();
});
